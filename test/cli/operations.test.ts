/**
 * Issue 14, operations a user can trust, each driven through the real CLI: a mistyped --db, a
 * database that cannot be written, saved pages in another charset, bad option values, failure
 * counts across runs, and the progress bar (on a terminal only).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  CLI,
  cleanupTempDirs,
  isRoot,
  newsItem,
  REPO,
  requireBuild,
  tempDir,
  withDb,
} from '../robustness/helpers.js';

beforeAll(requireBuild);
afterAll(cleanupTempDirs);

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('a mistyped --db', () => {
  it('is named by every command that only reads or decides (exit 2), and no file is created', async () => {
    const missing = join(tempDir('typo'), 'ledgr.db');
    for (const args of [
      ['stats'],
      ['export'],
      ['review', '--list'],
      ['review', '--set', 'abc.quantity=5'],
      ['explain', 'abc123'],
      ['holdings', 'Cango'],
      ['documents', '--quiet'],
      ['companies'],
      ['forget', 'page.html'],
    ]) {
      const result = await cli([...args, '--db', missing]);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expectOneLine(
        result.stderr,
        new RegExp(
          `^datledger: ${missing.replace(/[.]/g, '\\.')}: no such database file \\(only ingest and paste create one\\)`,
        ),
      );
      expect(result.stdout).toBe('');
      expect(existsSync(missing), args.join(' ')).toBe(false);
    }
  });
});

describe('a database that cannot be written', () => {
  /** As root, permissions do not bind: the commands run as `nobody` instead. */
  const asOther = (args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  /** A ledger of one article in a folder of its own; returns the paths. */
  async function ledger(label: string) {
    const dir = tempDir(label);
    const article = join(dir, 'first.txt');
    writeFileSync(article, newsItem(21));
    const db = join(dir, 'ledger.db');
    expect((await cli(['ingest', article, '--db', db])).status).toBe(0);
    const next = join(dir, 'next.txt');
    writeFileSync(next, newsItem(22));
    chmodSync(next, 0o644);
    return { dir, db, next };
  }

  const cases = [
    {
      name: 'a read-only file in a folder anyone may write',
      make: async () => {
        const made = await ledger('ro-file');
        chmodSync(made.db, 0o444);
        chmodSync(made.dir, 0o777);
        return { ...made, why: /cannot be written: the file is read-only\. Nothing was changed/ };
      },
    },
    {
      name: 'a writable file in a read-only folder',
      make: async () => {
        const made = await ledger('ro-folder');
        if (isRoot) chownSync(made.db, 65534, 65534);
        chmodSync(made.db, 0o644);
        chmodSync(made.dir, 0o555);
        return { ...made, why: /cannot be written: its folder .* is read-only \(SQLite must create .*-wal there\)/ };
      },
    },
  ];

  for (const { name, make } of cases) {
    it(`${name}: read commands read it; ingest says why it cannot write and leaves no -wal or -shm behind`, async () => {
      const { dir, db, next, why } = await make();
      const before = digest(db);
      try {
        const stats = asOther(['stats', '--json', '--db', db]);
        expect(stats.status, stats.stderr).toBe(0);
        expect(JSON.parse(stats.stdout)).toMatchObject({ documents: 1, events: 1 });
        const exported = asOther(['export', '--db', db]);
        expect(exported.status, exported.stderr).toBe(0);
        expect(exported.stdout.trim().split('\r\n')).toHaveLength(2);
        expect(asOther(['documents', '--db', db]).status).toBe(0);

        const ingest = asOther(['ingest', next, '--db', db]);
        expect(ingest.status).toBe(2);
        expectOneLine(ingest.stderr, why);
        expect(digest(db)).toBe(before);
        expect(readdirSync(dir).filter((file) => /-(?:wal|shm)$/.test(file))).toEqual([]);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  }
});

describe('saved pages in another charset', () => {
  /** windows-1252 bytes: é is 0xE9, ’ 0x92, – 0x96, € 0x80. */
  const cp1252 = (text: string) =>
    Buffer.from(text.replace(/’/g, '\x92').replace(/–/g, '\x96').replace(/€/g, '\x80'), 'latin1');
  const page = (head: string, quantity: string) =>
    cp1252(`<html><head>${head}<title>Riot cède des bitcoins</title></head><body><article><h1>Riot’s sale – a note</h1>
<p>Riot Platforms sold ${quantity} BTC on March 3, 2026 to fund its data center expansion, the company’s filing showed; the Société’s desk priced it at €60,000 a coin.</p></article></body></html>`);

  it('are decoded as their <meta charset> or http-equiv declares; an undeclared non-UTF-8 file is still refused', async () => {
    const dir = tempDir('charsets');
    writeFileSync(join(dir, 'meta-charset.html'), page('<meta charset="windows-1252">', '1,100'));
    writeFileSync(
      join(dir, 'http-equiv.htm'),
      page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', '2,200'),
    );
    writeFileSync(join(dir, 'undeclared.html'), page('', '3,300'));
    const db = join(dir, 'ledger.db');
    const result = await cli(['ingest', dir, '--db', db]);
    expect(result.status).toBe(1);
    expectOneLine(result.stderr, /undeclared\.html: invalid UTF-8 and no charset declared/);
    expect(result.stdout).toMatch(/articles ingested: 2\n/);
    const texts = withDb(
      db,
      (database) =>
        database.prepare('SELECT source, text FROM documents ORDER BY source').all() as {
          source: string;
          text: string;
        }[],
    );
    expect(texts.map((row) => row.source)).toEqual([join(dir, 'http-equiv.htm'), join(dir, 'meta-charset.html')]);
    for (const { text } of texts) {
      expect(text).toMatch(/the company's filing showed; the Société's desk priced it at €60,000/);
      expect(text).not.toContain('\ufffd');
    }
    const mentions = (await cli(['export', '--level', 'mentions', '--db', db])).stdout;
    expect(mentions).toMatch(/"Riot Platforms, Inc\.",RIOT,BTC,sell,1100,/);
    expect(mentions).toMatch(/"Riot Platforms, Inc\.",RIOT,BTC,sell,2200,/);
  });
});

describe('bad option values', () => {
  it('are usage errors naming the option (exit 2, one line, no stack trace), before any database is made', async () => {
    const dir = tempDir('options');
    const article = join(dir, 'a.txt');
    writeFileSync(article, newsItem(5));
    const db = join(dir, 'ledger.db');
    for (const [args, pattern] of [
      [
        ['ingest', article, '--concurrency', '0'],
        /--concurrency 0: expected how many URLs to fetch at once, a whole number of at least 1/,
      ],
      [['ingest', article, '--concurrency', 'abc'], /--concurrency abc: expected/],
      [['ingest', article, '--concurrency', '2.5'], /--concurrency 2\.5: expected/],
      [['ingest', article, '--max-bytes', '-3'], /--max-bytes -3: expected a size in bytes/],
    ] as const) {
      const result = await cli([...args, '--db', db]);
      expect(result.status, args.join(' ')).toBe(2);
      expectOneLine(result.stderr, pattern);
      expect(existsSync(db)).toBe(false);
    }
    expect((await cli(['ingest', article, '--db', db])).status).toBe(0);
    const out = join(dir, 'no-such-folder', 'events.csv');
    const exported = await cli(['export', '--out', out, '--db', db]);
    expect(exported.status).toBe(2);
    expectOneLine(
      exported.stderr,
      new RegExp(
        `--out ${out.replace(/[.]/g, '\\.')}: the folder ${join(dir, 'no-such-folder').replace(/[.]/g, '\\.')} does not exist`,
      ),
    );
    const intoFolder = await cli(['export', '--out', dir, '--db', db]);
    expect(intoFolder.status).toBe(2);
    expectOneLine(intoFolder.stderr, /is a folder; give a file name/);
  });
});

describe('failure counts across runs', () => {
  it('count each failing input once, and forget it once it is fixed', async () => {
    const dir = tempDir('counts');
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'good.txt'), newsItem(7));
    for (const name of ['empty-1.txt', 'empty-2.txt', 'empty-3.txt']) writeFileSync(join(inbox, name), '');
    const db = join(dir, 'ledger.db');
    const stats = async () =>
      JSON.parse((await cli(['stats', '--json', '--db', db])).stdout) as {
        failures: number;
        recentFailures: { input: string; reason: string }[];
      };
    for (let run = 0; run < 2; run++) {
      const result = await cli(['ingest', inbox, '--db', db]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/failed inputs: 3\n/);
    }
    expect((await stats()).failures).toBe(3);
    writeFileSync(join(inbox, 'empty-2.txt'), newsItem(8));
    expect((await cli(['ingest', inbox, '--db', db])).stdout).toMatch(
      /articles ingested: 1 \(1 already known, skipped\)[\s\S]*failed inputs: 2\n/,
    );
    const after = await stats();
    expect(after.failures).toBe(2);
    expect(after.recentFailures.map((failure) => failure.input).sort()).toEqual([
      join(inbox, 'empty-1.txt'),
      join(inbox, 'empty-3.txt'),
    ]);
    expect((await cli(['stats', '--db', db])).stdout).toMatch(/failed inputs: 2 \(inputs whose last ingest failed\)/);
  });
});

describe('progress', () => {
  const hasScript = spawnSync('script', ['-qfec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;

  it.skipIf(!hasScript)('is a bar with the total, rate and ETA on a terminal, and nothing on a pipe', async () => {
    const dir = tempDir('progress');
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (let index = 0; index < 40; index++) writeFileSync(join(inbox, `${index}.txt`), newsItem(300 + index));
    const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
    const command = [
      'stty cols 160 rows 40 2>/dev/null;',
      'exec',
      ...[process.execPath, CLI, 'ingest', inbox, '--db', join(dir, 'tty.db')].map(quote),
      '>/dev/null',
    ].join(' ');
    const terminal = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(terminal.status).toBe(0);
    // The first frame is drawn at once: the total is known before the first article is read.
    expect(terminal.stdout).toMatch(/\d+% \| \d+\/40 articles \| 0 failed \| [\d.]+\/s \| ETA /);
    const piped = await cli(['ingest', inbox, '--db', join(dir, 'pipe.db')]);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
  });
});
