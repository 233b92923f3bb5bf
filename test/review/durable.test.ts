import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { Decider } from '../../src/review/decide.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { openDatabase, Repository } from '../../src/store/index.js';
import { ARTICLES, cli, eventOf, exportedEvents, paste, Workspace } from '../helpers/review.js';

let workspace: Workspace;
beforeAll(async () => {
  workspace = new Workspace();
});
afterAll(() => workspace.remove());

const review = (db: string, ...args: string[]) => cli(['review', ...args, '--db', db]);
const openFields = async (db: string) =>
  (JSON.parse((await review(db, '--list', '--json')).stdout) as { company: string; field: string }[]).map(
    (c) => `${c.company.split(' ')[0]}.${c.field}`,
  );

/** Decisions are keyed to the mentions an event was built from, so they outlive everything that rebuilds events. */
describe('decisions survive', { timeout: 120_000 }, () => {
  it('re-ingesting the same articles, as pastes and as files', async () => {
    const db = await workspace.fixture();
    await review(db, '--set', `${(await eventOf(db, 'Riot')).event_id}.unit_price_usd=72000`);
    const before = await exportedEvents(db);
    for (const article of ARTICLES) await paste(db, article);
    const folder = join(workspace.dir, 'same-articles');
    mkdirSync(folder, { recursive: true });
    for (const article of ARTICLES) writeFileSync(join(folder, article.source), article.text);
    expect((await cli(['ingest', folder, '--db', db])).status).toBe(0);
    expect(await exportedEvents(db)).toEqual(before);
    expect(await eventOf(db, 'Riot')).toMatchObject({ unit_price_usd: '72000', conflicts: 'date' });
  });

  it('a re-reconcile of the block brought by a new article about another transaction', async () => {
    const db = await workspace.fixture();
    await review(db, '--set', `${(await eventOf(db, 'Riot')).event_id}.unit_price_usd=72000`);
    await paste(db, {
      source: 'old-news.txt',
      published: '2026-01-10',
      text: 'Riot in January\n\nRiot Platforms sold 400 BTC on January 8, 2026, at an average price of $90,000 per coin, the company said.\n',
    });
    const riots = (await exportedEvents(db)).filter((event) => event.company.startsWith('Riot'));
    expect(riots.map((event) => [event.quantity, event.unit_price_usd])).toEqual([
      ['400', '90000'],
      ['1100', '72000'],
    ]);
    expect(await openFields(db)).toEqual(['Hut.total_usd', 'Riot.date']);
  });

  it('a new report that agrees with the decision: it is not asked again, whatever the event id becomes', async () => {
    const db = await workspace.fixture();
    await review(db, '--set', `${(await eventOf(db, 'Riot')).event_id}.unit_price_usd=72000`);
    await paste(db, {
      source: 'radio-g.txt',
      published: '2026-03-05',
      text: 'Riot update\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $72,000 per coin, a broadcaster said.\n',
    });
    expect(await eventOf(db, 'Riot')).toMatchObject({
      unit_price_usd: '72000',
      conflicts: 'date',
      review_state: 'open',
      source_count: '4',
    });
    expect(await openFields(db)).toEqual(['Hut.total_usd', 'Riot.date']);
    const log = JSON.parse((await review(db, '--log', '--json')).stdout) as { event_id: string }[];
    expect(log.map((entry) => entry.event_id)).toEqual([(await eventOf(db, 'Riot')).event_id]);
  });

  // Two reports say March 3 and two March 4, so the date stays open; the new report agrees with the
  // decision (March 4), so the decision holds and the question is not asked again.
  it('a new report that agrees with a decided field that stays open does not reopen it', async () => {
    const db = await workspace.fixture();
    await review(db, '--set', `${(await eventOf(db, 'Riot')).event_id}.date=2026-03-04`);
    await paste(db, {
      source: 'radio-h.txt',
      published: '2026-03-05',
      text: 'Riot update\n\nRiot Platforms sold 1,100 BTC on March 4, 2026, a broadcaster said.\n',
    });
    expect(await eventOf(db, 'Riot')).toMatchObject({ date: '2026-03-04', conflicts: 'unit_price_usd' });
  });

  it('but a new incompatible value reopens the field, with the earlier decision as suggestion', async () => {
    const db = await workspace.fixture();
    await review(db, '--set', `${(await eventOf(db, 'Riot')).event_id}.unit_price_usd=72000`, '--reviewer', 'alice');
    await paste(db, {
      source: 'radio-f.txt',
      published: '2026-03-05',
      text: 'Riot update\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $71,500 per coin, a broadcaster said.\n',
    });
    const reopened = (JSON.parse((await review(db, '--list', '--json')).stdout) as Record<string, unknown>[]).find(
      (c) => c.field === 'unit_price_usd',
    );
    expect(reopened).toMatchObject({
      suggestion: '72000',
      earlier_decision: { id: 1, value: '72000', reviewer: 'alice' },
    });
    expect((reopened!.candidates as { value: string }[]).map((c) => c.value).sort()).toEqual([
      '70000',
      '71500',
      '72000',
    ]);
    // The decision stays in force meanwhile: the ledger never reverts on its own.
    expect(await eventOf(db, 'Riot')).toMatchObject({
      unit_price_usd: '72000',
      conflicts: 'unit_price_usd;date',
      review_state: 'open',
    });
  });

  it('a rule change that renames every event and drops a mention', async () => {
    const db = await workspace.fixture();
    const repository = new Repository(openDatabase(db));
    try {
      const pipeline = new Pipeline(repository, defaultRulebook());
      const riot = repository.allEvents().find((event) => event.company.startsWith('Riot'))!;
      new Decider(repository, pipeline, 'tester').decide(riot, 'unit_price_usd', '72000', null);
      // What a changed rulebook could do: other event ids, and the plain report no longer extracted.
      repository.db.exec("UPDATE events SET id = 'renamed-' || id; DELETE FROM event_mentions; DELETE FROM conflicts");
      const dropped = riot.mentionKeys.find(
        (key) => !riot.fields.unit_price_usd.candidates.some((c) => c.mentionKeys.includes(key)),
      )!;
      repository.db.prepare('DELETE FROM mentions WHERE key = ?').run(dropped);
      repository.transaction(() =>
        pipeline.reconcileBlocks(new Set(repository.allEvents().map((event) => event.blockKey))),
      );
      const after = repository.allEvents().find((event) => event.company.startsWith('Riot'))!;
      expect(after.mentionKeys).not.toContain(dropped);
      expect(after.unitPriceUsd).toBe(72000);
      expect(after.fields.unit_price_usd.state).toBe('reviewed');
    } finally {
      repository.db.close();
    }
  });
});
