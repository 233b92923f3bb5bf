import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, Repository } from '../../src/store/index.js';
import {
  ARTICLES,
  cli,
  exportedEvents,
  LATER,
  paste,
  reingest as reingestAll,
  Workspace,
  type Article,
} from '../helpers/review.js';

let workspace: Workspace;
beforeAll(async () => {
  workspace = new Workspace();
});
afterAll(() => workspace.remove());

const review = (db: string, ...args: string[]) => cli(['review', ...args, '--db', db]);
const mentions = async (db: string) =>
  parse((await cli(['export', '--level', 'mentions', '--db', db])).stdout, { columns: true }) as Record<
    string,
    string
  >[];
const ledger = async (db: string) =>
  (await exportedEvents(db))
    .map(
      (event) =>
        `${event.company.split(' ')[0]} ${event.action} ${event.quantity} ${event.asset} [${event.conflicts}] ${event.review_state}`,
    )
    .sort();
const idOf = async (db: string, company: string, quantity?: string) =>
  (await exportedEvents(db)).find(
    (event) => event.company.startsWith(company) && (!quantity || event.quantity === quantity),
  )!.event_id;

/** The same articles again, one as a paste and all as a folder of files: re-ingest must change nothing decided. */
const reingest = (db: string, extra: Article[] = []) => reingestAll(workspace, db, ARTICLES[0], extra);

describe('review fixes structure, and every such decision survives re-ingest (issue 12)', { timeout: 120_000 }, () => {
  it('split: a report taken into the wrong event becomes an event of its own, and stays one', async () => {
    const db = await workspace.fixture();
    const riot = await idOf(db, 'Riot');
    const march4 = (await mentions(db)).find((mention) => mention.source === 'paper-c.txt')!.mention_id;
    const run = await review(db, '--split', march4, '--note', 'March 4 is another sale');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(`^saved decision #1: split ${march4} off ${riot} into [0-9a-f]{12} \\(Riot Platforms`),
    );
    const after = await ledger(db);
    // Apart, neither Riot event is in dispute on price any more (one says $70,000, the other $72,000).
    expect(after).toEqual([
      'Hut buy 250 BTC [total_usd] open',
      'Riot sell 1100 BTC [] auto',
      'Riot sell 1100 BTC [] reviewed',
    ]);
    await reingest(db);
    expect(await ledger(db)).toEqual(after);
    // The part that kept most reports kept its id.
    expect(await idOf(db, 'Riot', '1100')).toBe(riot);
    expect(
      (await exportedEvents(db)).filter((event) => event.company.startsWith('Riot')).map((event) => event.event_id),
    ).toContain(riot);
  });

  it('merge: two events of one sale become one, with the count in conflict, and stay one; the lost id leads to the merged event', async () => {
    const db = await workspace.fixture();
    await paste(db, LATER);
    expect(await ledger(db)).toContain('Riot sell 1400 BTC [] auto');
    const [kept, other] = [await idOf(db, 'Riot', '1100'), await idOf(db, 'Riot', '1400')];
    const run = await review(db, 'merge', kept, other.slice(0, 8));
    expect(run.stdout).toMatch(new RegExp(`^saved decision #1: merged ${kept} \\+ ${other} into ${kept}`));
    const merged = (await exportedEvents(db)).filter((event) => event.company.startsWith('Riot'));
    expect(merged).toHaveLength(1);
    expect(merged[0].conflicts.split(';')).toContain('quantity');
    await reingest(db, [LATER]);
    expect(
      (await exportedEvents(db)).filter((event) => event.company.startsWith('Riot')).map((event) => event.event_id),
    ).toEqual([kept]);
    const explained = await cli(['explain', other, '--db', db]);
    expect(explained.stdout).toContain(`${other} is no longer an event id: merged ${other} -> ${kept}`);
  });

  it('merge refuses events of different companies and says how to make them agree', async () => {
    const db = await workspace.fixture();
    const run = await review(db, '--merge', `${await idOf(db, 'Riot')},${await idOf(db, 'Hut')}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/differ|but .* is Hut 8/);
    expect(run.stderr).toContain('.company=');
  });

  it('reject: an event that is no transaction leaves the ledger, stays out through re-ingest, and comes back when undone', async () => {
    const db = await workspace.fixture();
    const hut = await idOf(db, 'Hut');
    expect((await review(db, 'reject', hut, '--note', 'a newsletter misread a plan')).status).toBe(0);
    expect((await ledger(db)).some((line) => line.startsWith('Hut'))).toBe(false);
    // Its reports are still stored.
    expect((await mentions(db)).filter((mention) => mention.company.startsWith('Hut'))).toHaveLength(2);
    await reingest(db);
    expect((await ledger(db)).some((line) => line.startsWith('Hut'))).toBe(false);
    // Rejected reports belong to no event on purpose: an ingest does not take them for a crash's leftovers to reconcile again.
    const repository = new Repository(openDatabase(db));
    try {
      expect(repository.blocksWithUnreconciledMentions()).toEqual([]);
    } finally {
      repository.db.close();
    }
    const log = JSON.parse((await review(db, '--log', '--json')).stdout) as {
      id: number;
      field: string;
      state: string;
      note: string;
    }[];
    expect(log.map((entry) => [entry.id, entry.field, entry.state, entry.note])).toEqual([
      [1, 'reject', 'in force', 'a newsletter misread a plan'],
    ]);
    expect((await review(db, '--undo', '1')).stdout).toMatch(/^undid decision #1/);
    expect(await idOf(db, 'Hut')).toBe(hut);
  });

  it('edit: a company changed in review moves the event, survives re-ingest, and is undone back to the old id', async () => {
    const db = await workspace.fixture();
    const hut = await idOf(db, 'Hut');
    const run = await review(db, '--set', `${hut}.company=Northgate Hashing Ltd.`);
    expect(run.stdout).toMatch(new RegExp(`^saved decision #1: ${hut}.company = Northgate Hashing Ltd. \\(was Hut 8`));
    const moved = await idOf(db, 'Northgate');
    expect(await ledger(db)).toContain('Northgate buy 250 BTC [total_usd] open');
    await reingest(db);
    expect(await ledger(db)).toContain('Northgate buy 250 BTC [total_usd] open');
    expect((await ledger(db)).some((line) => line.startsWith('Hut'))).toBe(false);
    expect((await cli(['explain', hut, '--db', db])).stdout).toContain(`moved ${hut} -> ${moved}`);
    // The conflict travels with the event and can be decided there.
    expect((await review(db, '--set', `${moved}.total_usd=17512400`)).status).toBe(0);
    await reingest(db);
    expect((await exportedEvents(db)).find((event) => event.company.startsWith('Northgate'))).toMatchObject({
      total_usd: '17512400',
      conflicts: '',
      review_state: 'reviewed',
    });
    expect((await review(db, '--undo', '1')).status).toBe(0);
    expect(await idOf(db, 'Hut')).toBe(hut);
    expect((await ledger(db)).some((line) => line.startsWith('Northgate'))).toBe(false);
  });

  it('an action or asset edit is checked before it is saved', async () => {
    const db = await workspace.fixture();
    const run = await review(db, '--set', `${await idOf(db, 'Hut')}.action=steal`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('expected one of buy, sell, transfer, mine');
    expect((await review(db, '--set', `${await idOf(db, 'Hut')}.action=sell`)).status).toBe(0);
    expect(await ledger(db)).toContain('Hut sell 250 BTC [total_usd] open');
  });

  it('split refuses a report of no event and splitting every report of one', async () => {
    const db = await workspace.fixture();
    expect((await review(db, '--split', 'ffffffffffff')).stderr).toContain('no report ffffffffffff');
    const hutKeys = (await mentions(db))
      .filter((mention) => mention.company.startsWith('Hut'))
      .map((mention) => mention.mention_id);
    const run = await review(db, 'split', ...hutKeys);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing would be left');
  });
});

describe('a decision is never silently undone', { timeout: 120_000 }, () => {
  it('a new report against it reopens the question with the decided value still in force', async () => {
    const db = await workspace.fixture();
    const riot = await idOf(db, 'Riot');
    await review(db, '--set', `${riot}.unit_price_usd=72000`);
    await paste(db, {
      source: 'radio-f.txt',
      published: '2026-03-05',
      text: 'Riot update\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $71,500 per coin, a broadcaster said.\n',
    });
    const event = (await exportedEvents(db)).find((row) => row.company.startsWith('Riot'))!;
    expect(event).toMatchObject({ event_id: riot, unit_price_usd: '72000', review_state: 'open' });
    expect(event.conflicts.split(';')).toContain('unit_price_usd');
    const [entry] = JSON.parse((await review(db, '--log', '--json')).stdout) as { state: string }[];
    expect(entry.state).toBe('in force, new evidence against');
    const explained = (await cli(['explain', riot, '--db', db])).stdout;
    expect(explained).toContain('new evidence against your decision');
    // Deciding again, having seen the new value, closes it.
    await review(db, '--set', `${riot}.unit_price_usd=71500`);
    expect((await exportedEvents(db)).find((row) => row.company.startsWith('Riot'))).toMatchObject({
      unit_price_usd: '71500',
    });
    expect(
      (JSON.parse((await review(db, '--log', '--json')).stdout) as { state: string }[]).map((e) => e.state),
    ).toEqual(['in force', 'in force']);
  });
});
