import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, eventOf, Workspace } from './fixture.js';

let workspace: Workspace;
beforeAll(() => { workspace = new Workspace(); });
afterAll(() => workspace.remove());

const review = (db: string, ...args: string[]) => cli(['review', ...args, '--db', db]);
const logJson = (db: string) => JSON.parse(review(db, '--log', '--json').stdout) as Record<string, unknown>[];

describe('datledger review without a terminal', { timeout: 120_000 }, () => {
  it('prints the scriptable forms and exits 2, touching no database', () => {
    const db = join(workspace.dir, 'untouched.db');
    const result = review(db);
    expect(result.status).toBe(2);
    for (const form of ['--list [--json]', '--accept-suggested [--min-confidence X]', '--set EVENT_ID.FIELD=VALUE [--note TEXT]', '--undo', '--log [--json]']) expect(result.stderr).toContain(form);
    expect(result.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('refuses modes that do not combine, and options without their mode', () => {
    const db = workspace.fixture();
    expect(review(db, '--list', '--undo')).toMatchObject({ status: 2, stderr: expect.stringContaining('--list and --undo do not combine') });
    expect(review(db, '--json')).toMatchObject({ status: 2, stderr: expect.stringContaining('--json goes with --list or --log') });
    expect(review(db, '--list', '--min-confidence', '0.5').status).toBe(2);
    expect(review(db, '--accept-suggested', '--min-confidence', '2')).toMatchObject({ status: 2, stderr: expect.stringContaining('expected a number from 0 to 1') });
    expect(review(db, '--log', '--note', 'x').status).toBe(2);
  });
});

describe('review --list', { timeout: 120_000 }, () => {
  it('shows the open conflicts as a table, in review order', () => {
    const db = workspace.fixture();
    const { status, stdout } = review(db, '--list');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EVENT\s+WHAT\s+FIELD\s+SUGGESTED\s+CONF\s+CANDIDATES$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{12}\s+Hut 8 Corp\. \(HUT\) · buy · 250 BTC · 2026-03-02\s+total_usd\s+17,512,400\s+0\.4\s+17,512,400 \(letter-d\.txt\) \| 18,036,250 \(blog-e\.txt\)$/);
    expect(lines[2]).toMatch(/Riot Platforms, Inc\. .*unit_price_usd\s+70,000 .*70,000 \(wire-b\.txt\) \| 72,000 \(paper-c\.txt\)$/);
    expect(lines[3]).toMatch(/date\s+2026-03-03 .*2026-03-03 \(executed\) \(daily-a\.txt, wire-b\.txt\) \| 2026-03-04 \(executed\) \(paper-c\.txt\)$/);
    expect(lines[4]).toBe('3 open conflict(s)');
  });

  it('--json gives every candidate with its bare value, sources and mentions', () => {
    const db = workspace.fixture();
    const conflicts = JSON.parse(review(db, '--list', '--json').stdout) as Record<string, unknown>[];
    expect(conflicts.map((c) => c.field)).toEqual(['total_usd', 'unit_price_usd', 'date']);
    expect(conflicts[2]).toMatchObject({
      company: 'Riot Platforms, Inc.', action: 'sell', quantity: 1100, asset: 'BTC', field: 'date', suggestion: '2026-03-03', confidence: 0.4, earlier_decision: null,
      candidates: [
        { value: '2026-03-03', label: '2026-03-03 (executed)', sources: ['daily-a.txt', 'wire-b.txt'] },
        { value: '2026-03-04', label: '2026-03-04 (executed)', sources: ['paper-c.txt'] },
      ],
    });
    expect((conflicts[2].candidates as { mention_keys: string[] }[])[0].mention_keys).toHaveLength(2);
  });
});

describe('review --set', { timeout: 120_000 }, () => {
  it('decides one field by a unique event-id prefix, with a note and a reviewer', () => {
    const db = workspace.fixture();
    const riot = eventOf(db, 'Riot').event_id;
    const result = review(db, '--set', `${riot.slice(0, 5)}.unit_price_usd=$72,000`, '--note', 'per the 8-K', '--reviewer', 'carol');
    expect(result).toMatchObject({ status: 0, stdout: `saved decision #1: ${riot}.unit_price_usd = 72,000 (was 70,000)\n` });
    expect(logJson(db)).toMatchObject([{ event_id: riot, field: 'unit_price_usd', value: '72000', value_before: '70000', reviewer: 'carol', note: 'per the 8-K', undone: false }]);
    expect(eventOf(db, 'Riot')).toMatchObject({ unit_price_usd: '72000', conflicts: 'date', review_state: 'open' });
    expect(review(db, '--list').stdout).not.toContain('unit_price_usd');
  });

  it('takes the reviewer from $USER by default, and several --set at once', () => {
    const db = workspace.fixture();
    const riot = eventOf(db, 'Riot').event_id;
    const result = cli(['review', '--set', `${riot}.unit_price_usd=70000`, '--set', `${riot}.date=2026-03-03..2026-03-04`, '--db', db], '', { USER: 'dave' });
    expect(result.status).toBe(0);
    expect(logJson(db).map((entry) => [entry.field, entry.value, entry.reviewer])).toEqual([['unit_price_usd', '70000', 'dave'], ['date', '2026-03-03..2026-03-04', 'dave']]);
    expect(eventOf(db, 'Riot')).toMatchObject({ date: '2026-03-03', date_end: '2026-03-04', conflicts: '', review_state: 'reviewed' });
  });

  it('refuses an unknown event, an unknown field and a bad value, and writes nothing', () => {
    const db = workspace.fixture();
    const riot = eventOf(db, 'Riot').event_id;
    expect(review(db, '--set', 'zzzz.date=2026-03-03')).toMatchObject({ status: 2, stderr: expect.stringContaining('no event zzzz') });
    expect(review(db, '--set', `${riot}.price=1`)).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown field price') });
    expect(review(db, '--set', `${riot}date=1`)).toMatchObject({ status: 2, stderr: expect.stringContaining('expected EVENT_ID.FIELD=VALUE') });
    expect(review(db, '--set', `${riot}.unit_price_usd=cheap`)).toMatchObject({ status: 2, stderr: expect.stringContaining('expected a number') });
    // The first assignment is fine, the second is not: neither is saved.
    expect(review(db, '--set', `${riot}.unit_price_usd=70000`, '--set', `${riot}.date=March 3`).status).toBe(2);
    expect(logJson(db)).toEqual([]);
  });
});

describe('review --accept-suggested, --undo, --log', { timeout: 120_000 }, () => {
  it('accepts suggestions at or above a confidence, then undoes the last one', () => {
    const db = workspace.fixture();
    expect(review(db, '--accept-suggested', '--min-confidence', '0.5').stdout).toBe('accepted 0 suggestion(s); left open: 3 below confidence 0.5, 0 without a suggestion\n');
    expect(review(db, '--accept-suggested').stdout).toBe('accepted 3 suggestion(s); left open: 0 below confidence 0, 0 without a suggestion\n');
    expect(review(db, '--list').stdout).toBe('no open conflicts\n');
    expect(eventOf(db, 'Hut 8')).toMatchObject({ total_usd: '17512400', review_state: 'reviewed' });
    expect(eventOf(db, 'Riot')).toMatchObject({ unit_price_usd: '70000', date: '2026-03-03', review_state: 'reviewed' });

    expect(review(db, '--undo')).toMatchObject({ status: 0, stdout: 'undid decision #3: Riot Platforms, Inc. · BTC · sell date = 2026-03-03\n' });
    expect(eventOf(db, 'Riot')).toMatchObject({ conflicts: 'date', review_state: 'open' });
    const log = logJson(db);
    expect(log.map((entry) => [entry.field, entry.undone])).toEqual([['total_usd', false], ['unit_price_usd', false], ['date', true]]);
    expect(log[0].note).toBe('accepted the suggestion (confidence 0.4)');
  });

  it('--undo with nothing decided says so and succeeds', () => {
    const db = workspace.fixture();
    expect(review(db, '--undo')).toMatchObject({ status: 0, stdout: '', stderr: 'nothing to undo\n' });
  });

  it('--log prints a readable table, undone rows marked', () => {
    const db = workspace.fixture();
    const riot = eventOf(db, 'Riot').event_id;
    expect(review(db, '--log').stdout).toBe('no decisions yet\n');
    review(db, '--set', `${riot}.unit_price_usd=72000`, '--note', 'filing', '--reviewer', 'erin');
    review(db, '--set', `${riot}.date=2026-03-04`, '--reviewer', 'erin');
    review(db, '--undo');
    const lines = review(db, '--log').stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+WHEN \(UTC\)\s+WHO\s+EVENT\s+WHAT\s+FIELD\s+BEFORE\s+DECIDED\s+STATE\s+NOTE$/);
    expect(lines[1]).toMatch(new RegExp(`^1\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+erin\\s+${riot}\\s+Riot Platforms, Inc\\. · BTC · sell\\s+unit_price_usd\\s+70,000\\s+72,000\\s+in force\\s+filing$`));
    expect(lines[2]).toMatch(/^2\s.*date\s+2026-03-03\s+2026-03-04\s+undone$/);
  });
});
