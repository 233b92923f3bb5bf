import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { datledger, ROOT } from '../helpers/cli.js';

/**
 * Ways to supply a publication date, through the real command line: ingest --published for a
 * batch, a NAME.meta.json sidecar beside a saved page, paste --published, and set-published on a
 * stored page. The articles are short ones written for these tests.
 */
const work = mkdtempSync(join(tmpdir(), 'datledger-published-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ARTICLES = {
  // No date anywhere on the page: "on Monday" can only be placed against a date someone states.
  undated:
    'Miner trims its holdings\n\nCleanSpark sold 159 BTC on Monday to cover operating costs, the company said in a statement.\n',
  // A labelled date: the page states its own day (Thursday 12 February 2026).
  datelined:
    'Riot reports a sale\nPublished: February 12, 2026\n\nRiot Platforms sold 500 BTC on Monday to fund its data center expansion, the company said.\n',
  // A labelled date too, but its saver knows better and wrote a sidecar.
  sidecarred:
    'Cango trims its treasury\nPublished: January 20, 2026\n\nCango Inc. sold 800 BTC over the weekend to repay a loan, the company said.\n',
};

/** Writes the articles into a fresh folder, every file dated 1 January 2020 as a copied folder might be. */
function savedPages(
  name: string,
  sidecars: Record<string, string> = {},
  articles: Record<string, string> = ARTICLES,
): string {
  const folder = join(work, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(articles)) writeFileSync(join(folder, `${file}.txt`), text);
  for (const [file, text] of Object.entries(sidecars)) writeFileSync(join(folder, `${file}.meta.json`), text);
  const old = new Date('2020-01-01T12:00:00Z');
  for (const file of Object.keys(articles)) utimesSync(join(folder, `${file}.txt`), old, old);
  return folder;
}

type Row = Record<string, string>;
const mentions = async (db: string) =>
  parse((await datledger(['export', '--level', 'mentions', '--db', db])).stdout, { columns: true }) as Row[];
const events = async (db: string) =>
  parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Row[];
const bySource = (rows: Row[], name: string) =>
  rows.find((row) => (row.source ?? row.sources).split(';').some((source) => source.endsWith(`/${name}.txt`)));

describe('paste --published is checked strictly', () => {
  const text = 'CleanSpark sold 159 BTC on Monday to cover operating costs, the company said in a statement.';
  const cases: [string, RegExp][] = [
    ['2026-13-45', /--published 2026-13-45: there is no month 13/],
    ['2026-02-30', /--published 2026-02-30: February 2026 has no day 30 \(it has 28 days\)/],
    ['2025-02-29', /February 2025 has no day 29/],
    ['04/03/2026', /--published 04\/03\/2026: expected a date as YYYY-MM-DD/],
    ['March 4, 2026', /expected a date as YYYY-MM-DD/],
    ['2026-3-4', /expected a date as YYYY-MM-DD/],
  ];
  for (const [value, message] of cases) {
    it(`refuses ${value} as a usage error (exit 2), storing nothing`, async () => {
      const db = join(work, `paste-bad-${value.replace(/\W/g, '')}.db`);
      const run = await datledger(['paste', '--published', value, '--db', db], { input: text });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      // Refused before the database is opened: not even an empty ledger is left behind.
      expect(existsSync(db)).toBe(false);
    });
  }

  it('takes a real day, a leap day included, and explain names it as stated on paste', async () => {
    const db = join(work, 'paste-good.db');
    const run = await datledger(['paste', '--published', '2028-02-29', '--source', 'desk note', '--db', db], {
      input: text,
    });
    expect(run.code).toBe(0);
    // Tuesday 29 February 2028: the Monday before is the 28th.
    expect((await mentions(db))[0]).toMatchObject({ published: '2028-02-29', date: '2028-02-28' });
    const explained = (await datledger(['explain', (await events(db))[0].event_id, '--db', db])).stdout;
    expect(explained).toContain('in desk note (published 2028-02-29, from paste --published; the page shows none)');
  });

  it('re-dates an article pasted again with another date', async () => {
    const db = join(work, 'paste-again.db');
    await datledger(['paste', '--published', '2026-03-04', '--db', db], { input: text });
    const again = await datledger(['paste', '--published', '2026-03-11', '--db', db], { input: text });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /articles ingested: 0 \(1 already known, skipped\)\npublication dates set on known articles: 1\n/,
    );
    expect((await mentions(db)).map((row) => [row.published, row.date])).toEqual([['2026-03-11', '2026-03-09']]);
  });
});

describe("ingest --published, sidecars and the page's own date", () => {
  it('refuses a batch date that is not a real day before reading anything (exit 2)', async () => {
    const folder = savedPages('refused');
    const db = join(work, 'refused.db');
    const run = await datledger(['ingest', folder, '--published', '2026-02-30', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--published 2026-02-30: February 2026 has no day 30/);
    expect(existsSync(db)).toBe(false);
  });

  it("never reads a file's modification time as a publication date, and records it as when the file was saved", async () => {
    const folder = savedPages('mtime');
    const db = join(work, 'mtime.db');
    expect((await datledger(['ingest', folder, '--db', db])).code).toBe(0);
    const rows = await mentions(db);
    // Dated 2020-01-01 on disk: read against that, "on Monday" would be 2019-12-30.
    expect(bySource(rows, 'undated')).toMatchObject({ published: '', date: '' });
    expect(rows.every((row) => !row.date.startsWith('2019') && !row.date.startsWith('2020'))).toBe(true);
    expect(bySource(rows, 'datelined')).toMatchObject({ published: '2026-02-12', date: '2026-02-09' });
    expect(
      (await datledger(['explain', bySource(await events(db), 'undated')!.event_id, '--db', db])).stdout,
    ).toContain(
      `in ${join(folder, 'undated.txt')} (no publication date found; file saved 2020-01-01, not read as one; set one with: datledger set-published)`,
    );
    const ledger = new Database(db, { readonly: true });
    try {
      const saved = ledger.prepare('SELECT source, saved_at FROM documents').all() as {
        source: string;
        saved_at: string;
      }[];
      expect(saved.map((row) => row.saved_at)).toEqual(saved.map(() => '2020-01-01T12:00:00.000Z'));
    } finally {
      ledger.close();
    }
  });

  it("gives a batch date to the pages that show none; the page's own date and a sidecar beat it", async () => {
    const folder = savedPages('batch', {
      sidecarred: '{"published": "2026-01-19", "note": "seen on the wire the day before the page says"}',
    });
    const db = join(work, 'batch.db');
    const run = await datledger(['ingest', folder, '--published', '2026-03-04', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Three articles: the sidecar is read with its page, never ingested as an article.
    expect(run.stdout).toMatch(/articles ingested: 3\n/);
    const rows = await mentions(db);
    // Wednesday 4 March 2026 (typed for the batch): "on Monday" is 2 March.
    expect(bySource(rows, 'undated')).toMatchObject({ published: '2026-03-04', date: '2026-03-02' });
    // The page's own date (Thursday 12 February) beats the batch date: "on Monday" is 9 February.
    expect(bySource(rows, 'datelined')).toMatchObject({ published: '2026-02-12', date: '2026-02-09' });
    // The sidecar (Monday 19 January) beats the page's own date: "over the weekend" is 17-18 January.
    expect(bySource(rows, 'sidecarred')).toMatchObject({
      published: '2026-01-19',
      date: '2026-01-17',
      date_end: '2026-01-18',
    });

    const explain = async (name: string) =>
      (await datledger(['explain', bySource(await events(db), name)!.event_id, '--db', db])).stdout;
    expect(await explain('undated')).toContain('(published 2026-03-04, from ingest --published; the page shows none)');
    expect(await explain('datelined')).toContain('(published 2026-02-12, from label)');
    expect(await explain('sidecarred')).toContain(
      `(published 2026-01-19, from sidecar ${join(folder, 'sidecarred.meta.json')}; the page shows 2026-01-20, from label)`,
    );
    const json = JSON.parse(
      (await datledger(['explain', bySource(await events(db), 'sidecarred')!.event_id, '--json', '--db', db])).stdout,
    ) as { evidence: Record<string, unknown>[] };
    expect(json.evidence[0]).toMatchObject({
      published: '2026-01-19',
      publishedFrom: 'sidecar',
      pageShows: { date: '2026-01-20', from: 'label' },
      savedAt: '2020-01-01T12:00:00.000Z',
    });
  });

  it('fails a page whose sidecar is wrong, naming the sidecar, and keeps the rest (exit 1)', async () => {
    const folder = savedPages('bad-sidecar', {
      undated: '{"published": "2026-02-30"}',
      datelined: '{"published": 20260212}',
    });
    const db = join(work, 'bad-sidecar.db');
    const run = await datledger(['ingest', folder, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${join(folder, 'undated.txt')}: its sidecar ${join(folder, 'undated.meta.json')}: "published": "2026-02-30": February 2026 has no day 30`,
    );
    expect(run.stderr).toContain(
      `${join(folder, 'datelined.txt')}: its sidecar ${join(folder, 'datelined.meta.json')}: "published" must be a string`,
    );
    expect(run.stdout).toMatch(/articles ingested: 1\n/);
    expect((await mentions(db)).map((row) => row.source)).toEqual([join(folder, 'sidecarred.txt')]);
  });

  it('reports a sidecar with no article beside it; a sidecar named beside its article is read with it', async () => {
    const folder = savedPages(
      'orphan',
      { 'undated-copy': '{"published": "2026-03-04"}', undated: '{"published": "2026-03-04"}' },
      { undated: ARTICLES.undated },
    );
    const db = join(work, 'orphan.db');
    const walked = await datledger(['ingest', folder, '--db', db]);
    expect(walked.code).toBe(1);
    expect(walked.stderr).toContain(`${join(folder, 'undated-copy.meta.json')}: a sidecar with no article beside it`);
    expect(bySource(await mentions(db), 'undated')).toMatchObject({ published: '2026-03-04', date: '2026-03-02' });

    // As a shell glob names them: the article and its sidecar side by side.
    const named = await datledger([
      'ingest',
      join(folder, 'undated.txt'),
      join(folder, 'undated.meta.json'),
      '--db',
      join(work, 'named.db'),
    ]);
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/articles ingested: 1\n/);
    // Named alone, a sidecar says what it is and what to ingest instead.
    const alone = await datledger(['ingest', join(folder, 'undated.meta.json'), '--db', join(work, 'alone.db')]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      `a sidecar (the publication date of ${join(folder, 'undated.txt')}), not an article`,
    );
  });

  it('applies a sidecar added after a page was stored when the page is ingested again', async () => {
    const folder = savedPages('added-later');
    const db = join(work, 'added-later.db');
    await datledger(['ingest', folder, '--db', db]);
    expect(bySource(await mentions(db), 'undated')?.date).toBe('');
    writeFileSync(join(folder, 'undated.meta.json'), '{"published": "2026-03-04"}');
    const again = await datledger(['ingest', folder, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /articles ingested: 0 \(3 already known, skipped\)\npublication dates set on known articles: 1\n/,
    );
    expect(bySource(await mentions(db), 'undated')).toMatchObject({ published: '2026-03-04', date: '2026-03-02' });
    expect(bySource(await events(db), 'undated')?.date).toBe('2026-03-02');
    // A batch date typed later does not overrule the page's own date.
    await datledger(['ingest', folder, '--published', '2026-05-01', '--db', db]);
    expect(bySource(await mentions(db), 'datelined')?.published).toBe('2026-02-12');
  });
});

/** The CLI spawned asynchronously, so that the test's own loopback server keeps answering. */
function runAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'datledger.js'), ...args], { cwd: ROOT });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ingest --published over a URL list', () => {
  it('dates the fetched pages that show no date, not the ones that do', async () => {
    const pages: Record<string, string> = {
      '/dated':
        '<html><head><title>Riot sells</title><meta property="article:published_time" content="2026-02-12"></head><body><article><h1>Riot sells bitcoin</h1><p>Riot Platforms sold 500 BTC on Monday to fund its data center expansion, the company said in a statement to investors.</p></article></body></html>',
      '/undated':
        '<html><head><title>CleanSpark sells</title></head><body><article><h1>Miner trims its holdings</h1><p>CleanSpark sold 159 BTC on Monday to cover operating costs, the company said in a statement to investors.</p></article></body></html>',
    };
    const server = createServer((request, response) => {
      const page = pages[request.url ?? ''];
      if (!page) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const list = join(work, 'urls.txt');
    writeFileSync(list, `# two pages\n${base}/dated\n${base}/undated\n`);
    const db = join(work, 'urls.db');
    try {
      const run = await runAsync(['ingest', '--urls', list, '--published', '2026-03-04', '--db', db]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const rows = await mentions(db);
      expect(rows.find((row) => row.source === `${base}/dated`)).toMatchObject({
        published: '2026-02-12',
        date: '2026-02-09',
      });
      expect(rows.find((row) => row.source === `${base}/undated`)).toMatchObject({
        published: '2026-03-04',
        date: '2026-03-02',
      });
      // set-published finds a page by its URL too.
      expect((await datledger(['set-published', `${base}/undated`, '2026-03-11', '--db', db])).code).toBe(0);
      expect((await mentions(db)).find((row) => row.source === `${base}/undated`)).toMatchObject({
        published: '2026-03-11',
        date: '2026-03-09',
      });
    } finally {
      server.close();
    }
  });
});

describe('set-published corrects a stored page and re-reconciles its events', () => {
  // Two reports of one sale; the second page shows no date of its own.
  const REPORTS = {
    wire: 'Riot sells bitcoin\nPublished: March 4, 2026\n\nRiot Platforms sold 1,100 BTC on Monday to fund its data center expansion, the company said.\n',
    blog: 'Another miner sells\n\nRiot Platforms sold 1,100 BTC on Monday, according to a company statement, to pay for its data center expansion.\n',
  };

  it("re-reads the mentions' dates against the new date and merges what a wrong date had split", async () => {
    const folder = savedPages('split', {}, REPORTS);
    const db = join(work, 'split.db');
    // A wrong batch date: the blog's "on Monday" lands in May 2025, far from the wire's 2 March 2026.
    expect((await datledger(['ingest', folder, '--published', '2025-06-01', '--db', db])).code).toBe(0);
    expect(
      (await events(db))
        .filter((row) => row.company === 'Riot Platforms, Inc.')
        .map((row) => row.date)
        .sort(),
    ).toEqual(['2025-05-26', '2026-03-02']);

    const run = await datledger(['set-published', join(folder, 'blog.txt'), '2026-03-04', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^document \d+ .*blog\.txt: published 2026-03-04 \(set-published\), was 2025-06-01 \(ingest --published\); 1 of 1 mention\(s\) re-dated, 1 block\(s\) of events reconciled again\n/,
    );
    const riot = (await events(db)).filter((row) => row.company === 'Riot Platforms, Inc.');
    expect(riot).toHaveLength(1);
    expect(riot[0]).toMatchObject({ date: '2026-03-02', source_count: '2' });
    const blog = bySource(await mentions(db), 'blog')!;
    expect(blog).toMatchObject({ published: '2026-03-04', date: '2026-03-02' });
    expect((await datledger(['explain', riot[0].event_id, '--db', db])).stdout).toContain(
      '(published 2026-03-04, from set-published; the page shows none)',
    );

    // A date set by hand stays when the page is ingested again with another batch date.
    await datledger(['ingest', folder, '--published', '2025-06-01', '--db', db]);
    expect(bySource(await mentions(db), 'blog')?.published).toBe('2026-03-04');
  });

  it('keeps a review decision in force through a correction', async () => {
    const folder = savedPages('decided', {}, { undated: ARTICLES.undated });
    const db = join(work, 'decided.db');
    await datledger(['ingest', folder, '--published', '2025-06-01', '--db', db]);
    const event = bySource(await events(db), 'undated')!;
    expect(
      (
        await datledger([
          'review',
          '--set',
          `${event.event_id}.unit_price_usd=70000`,
          '--note',
          'per the filing',
          '--db',
          db,
        ])
      ).code,
    ).toBe(0);
    expect((await datledger(['set-published', join(folder, 'undated.txt'), '2026-03-04', '--db', db])).code).toBe(0);
    const after = bySource(await events(db), 'undated')!;
    expect(after).toMatchObject({ date: '2026-03-02', unit_price_usd: '70000' });
    expect(after.review_state).not.toBe('auto');
  });

  it('leaves the same ledger as ingesting the page with that date in the first place', async () => {
    const corrected = join(work, 'corrected.db');
    const direct = join(work, 'direct.db');
    // A weekday to place, and a purchase told with no date at all (it takes the page's own day).
    const folder = savedPages(
      'same-either-way',
      {},
      {
        undated: ARTICLES.undated,
        'no-date-phrase':
          'Strategy adds\n\nStrategy Inc. bought 1,142 BTC for about $90 million, the company said in a filing.\n',
      },
    );
    await datledger(['ingest', folder, '--db', corrected]);
    for (const name of ['undated', 'no-date-phrase'])
      expect(
        (await datledger(['set-published', join(folder, `${name}.txt`), '2026-03-04', '--db', corrected])).code,
      ).toBe(0);
    await datledger(['ingest', folder, '--published', '2026-03-04', '--db', direct]);
    expect(bySource(await mentions(direct), 'no-date-phrase')).toMatchObject({ date: '2026-03-04' });
    expect(await mentions(corrected)).toEqual(await mentions(direct));
    expect(await events(corrected)).toEqual(await events(direct));
  });

  it('goes back to the date the page itself shows with "page", leaving the ledger an ingest without a stated date leaves', async () => {
    const stated = savedPages('back-to-page', { sidecarred: '{"published": "2026-01-19"}' });
    const db = join(work, 'back-to-page.db');
    await datledger(['ingest', stated, '--db', db]);
    expect((await datledger(['set-published', join(stated, 'undated.txt'), '2026-03-04', '--db', db])).code).toBe(0);
    const toLabel = await datledger(['set-published', join(stated, 'sidecarred.txt'), 'page', '--db', db]);
    expect(toLabel.stdout).toMatch(
      /sidecarred\.txt: published 2026-01-20 \(the page's label\), was 2026-01-19 \(sidecar .*sidecarred\.meta\.json\)/,
    );
    const toNone = await datledger(['set-published', join(stated, 'undated.txt'), 'page', '--db', db]);
    expect(toNone.stdout).toMatch(
      /undated\.txt: no publication date \(the page shows none\), was 2026-03-04 \(set-published\); 1 of 1 mention\(s\) re-dated/,
    );
    // The same pages, their sidecar left out, ingested with no stated date at all.
    const plain = savedPages('back-to-page-plain');
    const fresh = join(work, 'back-to-page-plain.db');
    await datledger(['ingest', plain, '--db', fresh]);
    const withoutFolder = (rows: Row[], folder: string) =>
      rows.map((row) => ({ ...row, source: row.source.replace(folder, '') }));
    expect(withoutFolder(await mentions(db), stated)).toEqual(withoutFolder(await mentions(fresh), plain));
    expect(bySource(await mentions(db), 'undated')).toMatchObject({ published: '', date: '' });
    expect(
      (await datledger(['explain', bySource(await events(db), 'sidecarred')!.event_id, '--db', db])).stdout,
    ).toContain('(published 2026-01-20, from label)');
  });

  it('finds a page by document id or by the start of a mention key; refuses what names none, and a bad date (exit 2)', async () => {
    const folder = savedPages('by-key', {}, { undated: ARTICLES.undated });
    const db = join(work, 'by-key.db');
    await datledger(['ingest', folder, '--db', db]);
    const key = (await mentions(db))[0].mention_id;
    expect((await datledger(['set-published', key.slice(0, 8), '2026-03-04', '--db', db])).code).toBe(0);
    expect((await mentions(db))[0].date).toBe('2026-03-02');
    expect((await datledger(['set-published', '1', '2026-03-11', '--db', db])).code).toBe(0);
    expect((await mentions(db))[0].date).toBe('2026-03-09');
    // The path in another spelling (relative to where the command runs), as forget takes it.
    expect(
      (await datledger(['set-published', relative(ROOT, join(folder, 'undated.txt')), '2026-03-18', '--db', db])).code,
    ).toBe(0);
    expect((await mentions(db))[0].date).toBe('2026-03-16');
    expect((await datledger(['set-published', join(folder, 'undated.txt'), '2026-03-11', '--db', db])).code).toBe(0);

    // A mistyped --db is not a new, empty ledger.
    const noLedger = await datledger(['set-published', key, '2026-03-04', '--db', join(work, 'no-such.db')]);
    expect(noLedger.code).toBe(2);
    expect(existsSync(join(work, 'no-such.db'))).toBe(false);
    const missing = await datledger(['set-published', 'no/such/page.txt', '2026-03-04', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no stored document no/such/page.txt');
    const bad = await datledger(['set-published', key, '2026-13-45', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'set-published 2026-13-45: there is no month 13 (months run 01-12), or "page" for the date the page itself shows',
    );
    // Nothing changed by the refusals.
    expect((await mentions(db))[0]).toMatchObject({ published: '2026-03-11', date: '2026-03-09' });
  });
});
