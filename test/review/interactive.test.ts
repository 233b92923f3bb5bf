import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, decisionLog as log, eventOf, paste, Workspace } from '../helpers/review.js';
import { closeTerminals, ptyTool, reviewTerminal, Terminal } from '../helpers/terminal.js';

const tool = ptyTool();
let workspace: Workspace;

beforeAll(async () => {
  workspace = new Workspace();
});
afterAll(() => workspace.remove());
afterEach(closeTerminals);

/** `datledger review` in a pseudo-terminal that says it shows colour, as a person's would. */
const review = (db: string) => reviewTerminal(tool!, db, { colour: true });

/** Waits for a conflict card and the prompt under it; returns the card. */
async function conflict(terminal: Terminal, progress: string): Promise<string> {
  await terminal.waitFor(`conflict ${progress}`);
  return terminal.waitFor('Your call');
}

describe.skipIf(!tool)(`datledger review in a pseudo-terminal (${tool})`, { timeout: 120_000 }, () => {
  it('shows a conflict with its evidence and picks a candidate; the decision is saved at once', async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    const card = await conflict(terminal, '1/3');
    expect(card).toContain('Hut 8 Corp. (HUT) · buy · 250 BTC · 2026-03-02');
    expect(card).toContain('total_usd is in dispute');
    // Each report says what kind of source it is: here the press (no company release, no filing).
    expect(card).toMatch(
      /1\) 17,512,400\s+letter-d\.txt, published 2026-03-04 \[press\]\s+"Hut 8 bought 250 BTC on March 2, 2026 for \$17,512,400 in total, a newsletter reported\."/,
    );
    expect(card).toMatch(/2\) 18,036,250\s+blog-e\.txt, published 2026-03-04/);
    expect(card).toContain('suggestion: 17,512,400 (confidence 0.4) because 17,512,400 vs 18,036,250: equal standing');
    // The value inside the sentence is bold and inverse on a colour terminal.
    expect(terminal.raw).toContain('\x1b[1;7m$18,036,250\x1b[22;27m');

    expect(card).toContain('keys: 1-2 pick · a accept · e enter · s skip · u undo · ? help · q quit');
    // A key not offered is refused, not read as "the 7th line".
    terminal.key('7');
    await terminal.waitFor('"7" isn\'t an available option');
    // One key decides; Enter from habit decides nothing (no default is safe to assume).
    terminal.type('\r');
    terminal.key('2');
    await terminal.waitFor('saved decision #1: total_usd = 18,036,250');
    // Written before the next question is even asked: another process sees it now.
    expect(await log(db)).toMatchObject([
      { id: 1, field: 'total_usd', value: '18036250', value_before: '17512400', reviewer: 'pty-tester', undone: false },
    ]);
    const riot = await conflict(terminal, '2/3');
    expect(riot).toContain('Riot Platforms, Inc. (RIOT) · sell · 1,100 BTC · 2026-03-03');
    terminal.key('q');
    await terminal.waitFor('1 decided this session, 0 skipped, 2 still open');
    expect(await terminal.exit()).toBe(0);

    const [entry] = await log(db);
    expect(entry.candidates).toMatchObject([
      { value: '17512400', sources: ['letter-d.txt'] },
      { value: '18036250', sources: ['blog-e.txt'] },
    ]);
    expect(entry.mention_keys).toHaveLength(2);
    expect(await eventOf(db, 'Hut 8')).toMatchObject({
      total_usd: '18036250',
      conflicts: '',
      review_state: 'reviewed',
    });
    expect(await eventOf(db, 'Riot')).toMatchObject({ review_state: 'open', conflicts: 'unit_price_usd;date' });
  });

  it('enters values: a bad number and a bad date are refused, the reason is asked for', async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    await conflict(terminal, '1/3');
    terminal.key('s');
    await conflict(terminal, '2/3');
    terminal.key('e');
    await terminal.waitFor('unit_price_usd (empty to go back):');
    terminal.press('seventy');
    await terminal.waitFor('expected a number');
    terminal.type('\x15');
    terminal.press('71,000');
    await terminal.waitFor('Why this value?');
    terminal.press('average of the two reports');
    await terminal.waitFor('saved decision #1: unit_price_usd = 71,000');

    const date = await conflict(terminal, '3/3');
    expect(date).toMatch(
      /1\) 2026-03-03 \(executed\)\s+daily-a\.txt[\s\S]*wire-b\.txt[\s\S]*2\) 2026-03-04 \(executed\)\s+paper-c\.txt/,
    );
    terminal.key('e');
    await terminal.waitFor('date (empty to go back):');
    terminal.press('2026-02-30');
    await terminal.waitFor('expected a date: YYYY-MM-DD, YYYY-MM, YYYY or a range A..B');
    terminal.type('\x15');
    terminal.press('2026-03-04..2026-03-03');
    await terminal.waitFor('ends (2026-03-03) before it starts');
    terminal.type('\x15');
    terminal.press('2026-03-03..2026-03-04');
    await terminal.waitFor('Why this value?');
    terminal.press('sold across midnight');
    await terminal.waitFor('saved decision #2: date = 2026-03-03..2026-03-04');
    await terminal.waitFor('2 decided this session, 1 skipped, 1 still open');
    expect(await terminal.exit()).toBe(0);

    expect(await log(db)).toMatchObject([
      { field: 'unit_price_usd', value: '71000', value_before: '70000', note: 'average of the two reports' },
      { field: 'date', value: '2026-03-03..2026-03-04', value_before: '2026-03-03', note: 'sold across midnight' },
    ]);
    expect(await eventOf(db, 'Riot')).toMatchObject({
      unit_price_usd: '71000',
      date: '2026-03-03',
      date_end: '2026-03-04',
      conflicts: '',
      review_state: 'reviewed',
    });
    expect(await eventOf(db, 'Hut 8')).toMatchObject({ review_state: 'open' });
  });

  it('undoes the last decision and shows its conflict again', async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    await conflict(terminal, '1/3');
    terminal.key('1');
    await terminal.waitFor('saved decision #1: total_usd = 17,512,400');
    await conflict(terminal, '2/3');
    terminal.key('u');
    await terminal.waitFor('undid decision #1 (total_usd = 17,512,400)');
    const again = await conflict(terminal, '1/3');
    expect(again).toContain('Hut 8 Corp.');
    expect(await eventOf(db, 'Hut 8')).toMatchObject({ review_state: 'open', conflicts: 'total_usd' });
    terminal.key('2');
    await terminal.waitFor('saved decision #2: total_usd = 18,036,250');
    await conflict(terminal, '2/3');
    terminal.key('q');
    expect(await terminal.exit()).toBe(0);

    expect(await log(db)).toMatchObject([
      { id: 1, value: '17512400', undone: true },
      { id: 2, value: '18036250', undone: false },
    ]);
    expect(await eventOf(db, 'Hut 8')).toMatchObject({ total_usd: '18036250', review_state: 'reviewed' });
  });

  it('quits half-way and resumes where it stopped', async () => {
    const db = await workspace.fixture();
    const first = review(db);
    await conflict(first, '1/3');
    first.key('1');
    await first.waitFor('saved decision #1');
    await conflict(first, '2/3');
    first.key('q');
    await first.waitFor('1 decided this session, 0 skipped, 2 still open');
    expect(await first.exit()).toBe(0);

    const second = review(db);
    const resumed = await conflict(second, '2/3');
    expect(resumed).toContain('Riot Platforms, Inc.');
    expect(resumed).toContain('unit_price_usd is in dispute');
    expect(resumed).not.toContain('Hut 8');
    second.key('a');
    await second.waitFor('saved decision #2: unit_price_usd = 70,000');
    await conflict(second, '3/3');
    second.key('2');
    await second.waitFor('saved decision #3: date = 2026-03-04');
    await second.waitFor('2 decided this session, 0 skipped, 0 still open');
    expect(await second.exit()).toBe(0);

    const third = review(db);
    await third.waitFor('No open conflicts: nothing to review.');
    expect(await third.exit()).toBe(0);
    expect((await log(db)).map((entry) => [entry.field, entry.value, entry.note])).toEqual([
      ['total_usd', '17512400', null],
      ['unit_price_usd', '70000', 'accepted the suggestion'],
      ['date', '2026-03-04', null],
    ]);
  });

  it('shows help on ?, and Ctrl-C stops without losing what was decided', async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    await conflict(terminal, '1/3');
    terminal.key('?');
    await terminal.waitFor('Keys (one keypress, no Enter):');
    await terminal.waitFor('enter a value yourself, then say why');
    await conflict(terminal, '1/3');
    terminal.key('2');
    await terminal.waitFor('saved decision #1');
    await conflict(terminal, '2/3');
    terminal.type('\x03');
    await terminal.waitFor('Interrupted. 1 decided this session');
    expect(await terminal.exit()).toBe(130);
    expect(await log(db)).toMatchObject([{ field: 'total_usd', value: '18036250', undone: false }]);
  });

  it('asks again, showing the earlier decision, when an incompatible value arrives', async () => {
    const db = await workspace.fixture();
    expect(
      (
        await cli([
          'review',
          '--set',
          `${(await eventOf(db, 'Riot')).event_id}.unit_price_usd=72000`,
          '--reviewer',
          'alice',
          '--note',
          'per the filing',
          '--db',
          db,
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['review', '--list', '--db', db])).stdout).not.toContain('unit_price_usd');
    await paste(db, {
      source: 'radio-f.txt',
      published: '2026-03-05',
      text: 'Riot update\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $71,500 per coin, a broadcaster said.\n',
    });

    const terminal = review(db);
    await conflict(terminal, '1/3');
    terminal.key('s');
    const back = await conflict(terminal, '2/3');
    expect(back).toContain('unit_price_usd is in dispute');
    expect(back).toContain('71,500');
    expect(back).toMatch(
      /earlier decision: 72,000 by alice on \d{4}-\d{2}-\d{2} \("per the filing"\); new evidence against your decision arrived since, and the decision stays in force until you decide again/,
    );
    expect(back).toContain('suggestion: 72,000');
    terminal.key('a');
    await terminal.waitFor('saved decision #2: unit_price_usd = 72,000');
    await conflict(terminal, '3/3');
    terminal.key('q');
    expect(await terminal.exit()).toBe(0);
    expect(await eventOf(db, 'Riot')).toMatchObject({ unit_price_usd: '72000', conflicts: 'date' });
  });
});
