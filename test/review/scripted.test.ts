import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, eventOf, Workspace } from '../helpers/review.js';

let workspace: Workspace;
beforeAll(async () => {
  workspace = new Workspace();
});
afterAll(() => workspace.remove());

const review = (db: string, ...args: string[]) => cli(['review', ...args, '--db', db]);
const logJson = async (db: string) =>
  JSON.parse((await review(db, '--log', '--json')).stdout) as Record<string, unknown>[];

describe('datledger review without a terminal', { timeout: 120_000 }, () => {
  it('prints the scriptable forms and exits 2, touching no database', async () => {
    const db = join(workspace.dir, 'untouched.db');
    const result = await review(db);
    expect(result.status).toBe(2);
    for (const subcommand of ['list', 'accept', 'set', 'reject', 'merge', 'split', 'undo', 'log'])
      expect(result.stderr).toMatch(new RegExp(`^ {2}datledger review ${subcommand} `, 'm'));
    expect(result.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('refuses modes that do not combine, and options without their mode', async () => {
    const db = await workspace.fixture();
    expect(await review(db, '--list', '--undo')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--list and --undo do not combine'),
    });
    expect(await review(db, '--json')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--json goes with --list or --log'),
    });
    expect((await review(db, '--list', '--min-confidence', '0.5')).status).toBe(2);
    expect(await review(db, '--accept-suggested', '--min-confidence', '2')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('expected a number from 0 to 1'),
    });
    expect((await review(db, '--log', '--note', 'x')).status).toBe(2);
  });
});

describe('review subcommands, and the older flags as their aliases', { timeout: 120_000 }, () => {
  const sub = (db: string, ...args: string[]) => cli(['review', ...args, '--db', db]);

  it('list, set, log and undo do what --list, --set, --log and --undo do', async () => {
    const [byFlag, bySubcommand] = [await workspace.fixture(), await workspace.fixture()];
    expect((await sub(bySubcommand, 'list', '--json')).stdout).toBe((await review(byFlag, '--list', '--json')).stdout);
    expect((await sub(bySubcommand, 'list', '--filter', 'Hut')).stdout).toBe(
      (await review(byFlag, '--list', '--filter', 'Hut')).stdout,
    );
    const riot = (await eventOf(bySubcommand, 'Riot')).event_id;
    // Two assignments at once, with a note and a reviewer given after them.
    const set = await sub(
      bySubcommand,
      'set',
      `${riot}.unit_price_usd=72000`,
      `${riot}.date=2026-03-04`,
      '--note',
      'per the filing',
      '--reviewer',
      'erin',
    );
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout.trim().split('\n')).toHaveLength(2);
    const logged = JSON.parse((await sub(bySubcommand, 'log', '--json')).stdout) as {
      field: string;
      note: string;
      reviewer: string;
      state: string;
    }[];
    expect(logged.map((entry) => [entry.field, entry.note, entry.reviewer, entry.state])).toEqual([
      ['unit_price_usd', 'per the filing', 'erin', 'in force'],
      ['date', 'per the filing', 'erin', 'in force'],
    ]);
    expect((await sub(bySubcommand, 'undo', '1')).stdout).toMatch(/^undid decision #1:/);
    expect(
      (JSON.parse((await sub(bySubcommand, 'log', '--json')).stdout) as { state: string }[]).map(
        (entry) => entry.state,
      ),
    ).not.toEqual(['in force', 'in force']);
    // --db before the subcommand is the same database.
    expect((await cli(['review', '--db', bySubcommand, 'log', '--json'])).stdout).toBe(
      (await sub(bySubcommand, 'log', '--json')).stdout,
    );
  });

  it('accept takes the suggestions, as --accept-suggested does', async () => {
    const [byFlag, bySubcommand] = [await workspace.fixture(), await workspace.fixture()];
    const accepted = await sub(bySubcommand, 'accept', '--min-confidence', '0');
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toBe((await review(byFlag, '--accept-suggested', '--min-confidence', '0')).stdout);
    expect((await sub(bySubcommand, 'list')).stdout).toBe((await review(byFlag, '--list')).stdout);
  });

  it('an option the subcommand does not take is a usage error, naming it; so is an unknown subcommand', async () => {
    const db = await workspace.fixture();
    expect(await sub(db, 'log', '--note', 'x')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--note does not go with review log'),
    });
    expect(await sub(db, 'list', '--min-confidence', '0.5')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--min-confidence'),
    });
    expect((await sub(db, 'frobnicate')).status).toBe(2);
    expect((await sub(db, 'set')).status).toBe(2);
  });
});

describe('review --list', { timeout: 120_000 }, () => {
  it('shows the open conflicts as a table, in review order', async () => {
    const db = await workspace.fixture();
    const { status, stdout } = await review(db, '--list');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EVENT\s+WHAT\s+FIELD\s+SUGGESTED\s+CONF\s+CANDIDATES$/);
    expect(lines[1]).toMatch(
      /^[0-9a-f]{12}\s+Hut 8 Corp\. \(HUT\) · buy · 250 BTC · 2026-03-02\s+total_usd\s+17,512,400\s+0\.4\s+17,512,400 \(letter-d\.txt\) \| 18,036,250 \(blog-e\.txt\)$/,
    );
    expect(lines[2]).toMatch(
      /Riot Platforms, Inc\. .*unit_price_usd\s+70,000 .*70,000 \(wire-b\.txt\) \| 72,000 \(paper-c\.txt\)$/,
    );
    expect(lines[3]).toMatch(
      /date\s+2026-03-03 .*2026-03-03 \(executed\) \(daily-a\.txt, wire-b\.txt\) \| 2026-03-04 \(executed\) \(paper-c\.txt\)$/,
    );
    expect(lines[4]).toBe('3 open conflict(s)');
  });

  it('--json gives every candidate with its bare value, sources and mentions', async () => {
    const db = await workspace.fixture();
    const conflicts = JSON.parse((await review(db, '--list', '--json')).stdout) as Record<string, unknown>[];
    expect(conflicts.map((c) => c.field)).toEqual(['total_usd', 'unit_price_usd', 'date']);
    expect(conflicts[2]).toMatchObject({
      company: 'Riot Platforms, Inc.',
      action: 'sell',
      quantity: 1100,
      asset: 'BTC',
      field: 'date',
      suggestion: '2026-03-03',
      confidence: 0.4,
      earlier_decision: null,
      candidates: [
        { value: '2026-03-03', label: '2026-03-03 (executed)', sources: ['daily-a.txt', 'wire-b.txt'] },
        { value: '2026-03-04', label: '2026-03-04 (executed)', sources: ['paper-c.txt'] },
      ],
    });
    expect((conflicts[2].candidates as { mention_keys: string[] }[])[0].mention_keys).toHaveLength(2);
  });
});

describe('review --set', { timeout: 120_000 }, () => {
  it('decides one field by a unique event-id prefix, with a note and a reviewer', async () => {
    const db = await workspace.fixture();
    const riot = (await eventOf(db, 'Riot')).event_id;
    const result = await review(
      db,
      '--set',
      `${riot.slice(0, 5)}.unit_price_usd=$72,000`,
      '--note',
      'per the 8-K',
      '--reviewer',
      'carol',
    );
    expect(result).toMatchObject({
      status: 0,
      stdout: `saved decision #1: ${riot}.unit_price_usd = 72,000 (was 70,000)\n`,
    });
    expect(await logJson(db)).toMatchObject([
      {
        event_id: riot,
        field: 'unit_price_usd',
        value: '72000',
        value_before: '70000',
        reviewer: 'carol',
        note: 'per the 8-K',
        undone: false,
      },
    ]);
    expect(await eventOf(db, 'Riot')).toMatchObject({
      unit_price_usd: '72000',
      conflicts: 'date',
      review_state: 'open',
    });
    expect((await review(db, '--list')).stdout).not.toContain('unit_price_usd');
  });

  it('takes the reviewer from $USER by default, and several --set at once', async () => {
    const db = await workspace.fixture();
    const riot = (await eventOf(db, 'Riot')).event_id;
    const result = await cli(
      ['review', '--set', `${riot}.unit_price_usd=70000`, '--set', `${riot}.date=2026-03-03..2026-03-04`, '--db', db],
      '',
      { USER: 'dave' },
    );
    expect(result.status).toBe(0);
    expect((await logJson(db)).map((entry) => [entry.field, entry.value, entry.reviewer])).toEqual([
      ['unit_price_usd', '70000', 'dave'],
      ['date', '2026-03-03..2026-03-04', 'dave'],
    ]);
    expect(await eventOf(db, 'Riot')).toMatchObject({
      date: '2026-03-03',
      date_end: '2026-03-04',
      conflicts: '',
      review_state: 'reviewed',
    });
  });

  it('refuses an unknown event, an unknown field and a bad value, and writes nothing', async () => {
    const db = await workspace.fixture();
    const riot = (await eventOf(db, 'Riot')).event_id;
    expect(await review(db, '--set', 'zzzz.date=2026-03-03')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no event zzzz'),
    });
    expect(await review(db, '--set', `${riot}.price=1`)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown field price'),
    });
    expect(await review(db, '--set', `${riot}date=1`)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('expected EVENT_ID.FIELD=VALUE'),
    });
    expect(await review(db, '--set', `${riot}.unit_price_usd=cheap`)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('expected a number'),
    });
    // The first assignment is fine, the second is not: neither is saved.
    expect((await review(db, '--set', `${riot}.unit_price_usd=70000`, '--set', `${riot}.date=March 3`)).status).toBe(2);
    expect(await logJson(db)).toEqual([]);
  });
});

describe('review --accept-suggested, --undo, --log', { timeout: 120_000 }, () => {
  it('accepts suggestions at or above a confidence, then undoes the last one', async () => {
    const db = await workspace.fixture();
    expect((await review(db, '--accept-suggested', '--min-confidence', '0.5')).stdout).toBe(
      'accepted 0 suggestion(s); left open: 3 below confidence 0.5, 0 without a suggestion\n',
    );
    expect((await review(db, '--accept-suggested')).stdout).toBe(
      'accepted 3 suggestion(s); left open: 0 below confidence 0, 0 without a suggestion\n',
    );
    expect((await review(db, '--list')).stdout).toBe('no open conflicts\n');
    expect(await eventOf(db, 'Hut 8')).toMatchObject({ total_usd: '17512400', review_state: 'reviewed' });
    expect(await eventOf(db, 'Riot')).toMatchObject({
      unit_price_usd: '70000',
      date: '2026-03-03',
      review_state: 'reviewed',
    });

    expect(await review(db, '--undo')).toMatchObject({
      status: 0,
      stdout: 'undid decision #3: Riot Platforms, Inc. · BTC · sell date = 2026-03-03\n',
    });
    expect(await eventOf(db, 'Riot')).toMatchObject({ conflicts: 'date', review_state: 'open' });
    const log = await logJson(db);
    expect(log.map((entry) => [entry.field, entry.undone])).toEqual([
      ['total_usd', false],
      ['unit_price_usd', false],
      ['date', true],
    ]);
    expect(log[0].note).toBe('accepted the suggestion (confidence 0.4)');
  });

  it('--undo with nothing decided says so and succeeds', async () => {
    const db = await workspace.fixture();
    expect(await review(db, '--undo')).toMatchObject({ status: 0, stdout: '', stderr: 'nothing to undo\n' });
  });

  it('--log prints a readable table, undone rows marked', async () => {
    const db = await workspace.fixture();
    const riot = (await eventOf(db, 'Riot')).event_id;
    expect((await review(db, '--log')).stdout).toBe('no decisions yet\n');
    await review(db, '--set', `${riot}.unit_price_usd=72000`, '--note', 'filing', '--reviewer', 'erin');
    await review(db, '--set', `${riot}.date=2026-03-04`, '--reviewer', 'erin');
    await review(db, '--undo');
    const lines = (await review(db, '--log')).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+WHEN \(UTC\)\s+WHO\s+EVENT\s+WHAT\s+FIELD\s+BEFORE\s+DECIDED\s+STATE\s+NOTE$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^1\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+erin\\s+${riot}\\s+Riot Platforms, Inc\\. · BTC · sell\\s+unit_price_usd\\s+70,000\\s+72,000\\s+in force\\s+filing$`,
      ),
    );
    expect(lines[2]).toMatch(/^2\s.*date\s+2026-03-03\s+2026-03-04\s+undone$/);
  });
});
