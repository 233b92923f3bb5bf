import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTICLES,
  cli,
  decisionLog as log,
  exportedEvents,
  LATER,
  paste,
  reingest as reingestAll,
  Workspace,
  type Article,
} from '../helpers/review.js';
import { closeTerminals, ptyTool, reviewTerminal, Terminal } from '../helpers/terminal.js';

const tool = ptyTool();
let workspace: Workspace;
beforeAll(async () => {
  workspace = new Workspace();
});
afterAll(() => workspace.remove());
afterEach(closeTerminals);

const review = (db: string) => reviewTerminal(tool!, db);

const card = async (terminal: Terminal, what: string) => {
  await terminal.waitFor(what);
  return terminal.waitFor('Your call');
};
const ledger = async (db: string) =>
  (await exportedEvents(db))
    .map((event) => `${event.company.split(' ')[0]} ${event.action} ${event.quantity} [${event.conflicts}]`)
    .sort();
/** The same articles again as a folder of files (and one as a paste): what was decided must hold. */
const reingest = (db: string, extra: Article[] = []) => reingestAll(workspace, db, ARTICLES[1], extra);
// A second company whose price per coin is in dispute the same way as Riot's: "like this".
const ORRIN: Article[] = [
  {
    source: 'orrin-1.txt',
    published: '2026-03-06',
    text: 'Orrin sells\n\nOrrin Hash Corp. sold 300 BTC on March 5, 2026, at an average price of $69,000 per coin, a newsletter said.\n',
  },
  {
    source: 'orrin-2.txt',
    published: '2026-03-06',
    text: 'Orrin trims\n\nOrrin Hash Corp. sold 300 BTC on March 5, 2026, at an average price of $68,000 per coin, a blog said.\n',
  },
];

describe.skipIf(!tool)(`review fixes structure in a pseudo-terminal (${tool})`, { timeout: 180_000 }, () => {
  it("r rejects an event and x splits a candidate's reports off; both survive re-ingest", async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    await card(terminal, 'conflict 1/3');
    expect(terminal.screen).toContain(
      'more: l all like this · b back · j jump · f filter · n note · r reject · m merge · x split · c change',
    );
    terminal.key('r');
    await terminal.waitFor('no transaction? (empty to go back)');
    terminal.press('the newsletter misread a plan');
    await terminal.waitFor(/saved decision #1: rejected [0-9a-f]{12}/);
    const price = await card(terminal, 'unit_price_usd is in dispute');
    expect(price).toContain('Riot Platforms');
    terminal.key('x');
    await terminal.waitFor('split the reports of which candidate off?');
    terminal.press('2');
    await terminal.waitFor('saved decision #2: split 1 report(s) off');
    await terminal.waitFor('2 decided this session, 0 skipped, 0 still open');
    expect(await terminal.exit()).toBe(0);
    const after = await ledger(db);
    expect(after).toEqual(['Riot sell 1100 []', 'Riot sell 1100 []']);
    await reingest(db);
    expect(await ledger(db)).toEqual(after);
    expect((await log(db)).map((entry) => [entry.field, entry.state])).toEqual([
      ['reject', 'in force'],
      ['split', 'in force'],
    ]);
  });

  it('c changes the company and m merges two events; both survive re-ingest', async () => {
    const db = await workspace.fixture();
    await paste(db, LATER);
    const later = (await exportedEvents(db)).find((event) => event.quantity === '1400')!.event_id;
    const terminal = review(db);
    await card(terminal, 'conflict 1/3');
    terminal.key('c');
    await terminal.waitFor('change what?');
    terminal.press('company=Northgate Hashing Ltd.');
    await terminal.waitFor('saved decision #1: company = Northgate Hashing Ltd.');
    // The moved event keeps its conflict, now under the new name.
    const moved = await card(terminal, 'Northgate Hashing Ltd.');
    expect(moved).toContain('total_usd is in dispute');
    terminal.key('s');
    await card(terminal, 'unit_price_usd is in dispute');
    terminal.key('m');
    await terminal.waitFor('merge with which event?');
    terminal.press(later.slice(0, 8));
    await terminal.waitFor(`saved decision #2: merged`);
    const quantity = await card(terminal, 'quantity is in dispute');
    // Best supported first: three reports say 1,100, one says 1,400.
    expect(quantity).toMatch(/1\) 1,100[\s\S]*2\) 1,400/);
    terminal.key('q');
    expect(await terminal.exit()).toBe(0);
    const after = await ledger(db);
    expect(after.filter((line) => line.startsWith('Riot'))).toHaveLength(1);
    expect(after.some((line) => line.startsWith('Northgate buy 250'))).toBe(true);
    await reingest(db, [LATER]);
    expect(await ledger(db)).toEqual(after);
  });
});

describe.skipIf(!tool)(`review at scale in a pseudo-terminal (${tool})`, { timeout: 180_000 }, () => {
  it('b goes back, j jumps, f filters, n writes a note on the last decision', async () => {
    const db = await workspace.fixture();
    const terminal = review(db);
    await card(terminal, 'Hut 8 Corp.');
    terminal.key('s');
    await card(terminal, 'unit_price_usd is in dispute');
    terminal.key('b');
    await card(terminal, 'Hut 8 Corp.');
    terminal.key('j');
    await terminal.waitFor('conflict number (1-3) or event id');
    terminal.press('3');
    await card(terminal, 'date is in dispute');
    terminal.key('f');
    await terminal.waitFor('company (or part of its name) or field');
    terminal.press('hut');
    await terminal.waitFor('showing only conflicts of "hut"');
    const hut = await card(terminal, 'total_usd is in dispute');
    expect(hut).toContain('filter: hut (1 open)');
    terminal.key('1');
    await terminal.waitFor('saved decision #1: total_usd = 17,512,400');
    await terminal.waitFor('No open conflicts left for "hut"');
    await card(terminal, 'Riot Platforms');
    terminal.key('n');
    await terminal.waitFor('note on decision #1');
    terminal.press('the receipt in the newsletter says so');
    await terminal.waitFor('noted on decision #1');
    await card(terminal, 'Riot Platforms');
    terminal.key('q');
    expect(await terminal.exit()).toBe(0);
    expect((await log(db)).map((entry) => [entry.id, entry.field, entry.note])).toEqual([
      [1, 'total_usd', 'the receipt in the newsletter says so'],
    ]);
  });

  it('l accepts the suggestion in every conflict like this one (same field, same kind of reason)', async () => {
    const db = await workspace.fixture();
    for (const article of ORRIN) await paste(db, article);
    const terminal = review(db);
    await card(terminal, 'Hut 8 Corp.');
    terminal.key('s');
    await card(terminal, 'unit_price_usd is in dispute');
    terminal.key('l');
    await terminal.waitFor('Accept the suggestion in 2 conflict(s) of unit_price_usd like this one?');
    terminal.key('y');
    await terminal.waitFor(/saved decision #2: unit_price_usd = /);
    await card(terminal, 'date is in dispute');
    terminal.key('q');
    expect(await terminal.exit()).toBe(0);
    const decided = await log(db);
    expect(decided.map((entry) => entry.field)).toEqual(['unit_price_usd', 'unit_price_usd']);
    expect(decided[1].note).toBe('accepted the suggestion, as for all like decision #1');
    // Hut 8's total is another field: left open.
    expect((await exportedEvents(db)).find((event) => event.company.startsWith('Hut'))!.conflicts).toBe('total_usd');
  });
});
