/**
 * Files datledger must not touch: a --db that is not a datledger database, or one written by a
 * newer datledger, is refused with one clear line and exit 2, and its bytes stay as they were.
 * And a broken rule file is reported with its file and line.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRuleFile, loadRuleFiles, RuleFileError } from '../../src/rulebook/load.js';
import { HedgesFile } from '../../src/schema/rules.js';
import { DatabaseError, openDatabase } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { decodeSignature } from '../../src/store/signatures.js';
import { signature } from '../../src/origins/minhash.js';
import { cli, cleanupTempDirs, newsItem, requireBuild, tempDir } from './helpers.js';

const APPLICATION_ID = 0x444c4447;
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Each kind of file that must be refused, made fresh in `dir`; returns its path. */
const REFUSED: { name: string; make: (dir: string) => string; reason: RegExp }[] = [
  {
    name: 'a text file',
    make: (dir) => {
      const path = join(dir, 'notes.db');
      writeFileSync(path, 'These are my notes, not a database.\n'.repeat(50));
      return path;
    },
    reason: /is not a datledger database \(not a SQLite file\)/,
  },
  {
    name: 'a file shorter than a SQLite header',
    make: (dir) => {
      const path = join(dir, 'tiny.db');
      writeFileSync(path, 'SQLite');
      return path;
    },
    reason: /not a SQLite file/,
  },
  {
    name: "another program's SQLite database",
    make: (dir) => {
      const path = join(dir, 'other.sqlite');
      const db = new Database(path);
      db.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ada', '555-0100');");
      db.close();
      return path;
    },
    reason: /SQLite database of another program/,
  },
  {
    name: 'a datledger database from a newer schema version',
    make: (dir) => {
      const path = join(dir, 'newer.db');
      const db = new Database(path);
      for (const step of MIGRATIONS)
        if (typeof step === 'string') db.exec(step);
        else step(db);
      db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${MIGRATIONS.length + 3}`);
      db.close();
      return path;
    },
    reason: new RegExp(
      `written by a newer datledger \\(schema ${MIGRATIONS.length + 3}, this one knows ${MIGRATIONS.length}\\)`,
    ),
  },
  {
    name: 'a damaged SQLite file',
    make: (dir) => {
      const path = join(dir, 'damaged.db');
      const db = new Database(path);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      db.close();
      const bytes = readFileSync(path);
      bytes.fill(0xa5, 100);
      writeFileSync(path, bytes);
      return path;
    },
    reason: /not a usable SQLite database/,
  },
];

describe('a --db that is not ours', () => {
  let dir: string;
  let article: string;

  beforeAll(async () => {
    requireBuild();
    dir = tempDir('db');
    article = join(dir, 'article.txt');
    writeFileSync(article, newsItem(11));
  });
  afterAll(cleanupTempDirs);

  for (const { name, make, reason } of REFUSED) {
    it(`${name}: ingest, export and stats refuse it (exit 2) and leave it byte for byte`, async () => {
      const path = make(dir);
      const before = digest(path);
      for (const args of [['ingest', article], ['export', '--level', 'events'], ['stats']]) {
        const result = await cli([...args, '--db', path]);
        expect(result.status, `${args[0]}: ${result.stderr}`).toBe(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^datledger: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
        expect(lines[0]).toMatch(reason);
        expect(result.stdout).toBe('');
      }
      expect(digest(path)).toBe(before);
      expect(existsSync(`${path}-wal`)).toBe(false);
    });
  }

  it('a folder given as --db is refused (exit 2)', async () => {
    const folder = join(dir, 'a-folder.db');
    mkdirSync(folder);
    const result = await cli(['stats', '--db', folder]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is a folder, not a database file/);
  });

  it('openDatabase throws a DatabaseError (never a raw SQLite error) for each', async () => {
    for (const { make, reason } of REFUSED) {
      const path = make(tempDir('open'));
      const before = digest(path);
      expect(() => openDatabase(path)).toThrow(DatabaseError);
      expect(() => openDatabase(path)).toThrow(reason);
      expect(digest(path)).toBe(before);
    }
  });

  it('an older datledger database is still carried forward', async () => {
    const path = join(tempDir('fresh'), 'ledger.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('a database from before failures were kept per input keeps the latest failure of each input', async () => {
    const path = join(tempDir('failures'), 'ledger.db');
    const old = new Database(path);
    for (const step of MIGRATIONS.slice(0, 2))
      if (typeof step === 'string') old.exec(step);
      else step(old);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 2');
    const insert = old.prepare('INSERT INTO failures (input, reason, failed_at) VALUES (?, ?, ?)');
    for (let run = 1; run <= 3; run++)
      for (const input of ['a.txt', 'b.txt'])
        insert.run(input, `${input} failed in run ${run}`, `2026-03-0${run}T10:00:00Z`);
    old.close();

    const db = openDatabase(path);
    expect(db.prepare('SELECT input, reason FROM failures ORDER BY input').all()).toEqual([
      { input: 'a.txt', reason: 'a.txt failed in run 3' },
      { input: 'b.txt', reason: 'b.txt failed in run 3' },
    ]);
    expect(() =>
      db.prepare("INSERT INTO failures (input, reason, failed_at) VALUES ('a.txt', 'again', 'now')").run(),
    ).toThrow(/UNIQUE/);
    expect(
      (
        db
          .prepare(
            "SELECT count(*) AS n FROM pragma_table_info('documents') WHERE name IN ('quiet_reason', 'quiet_detail')",
          )
          .get() as { n: number }
      ).n,
    ).toBe(2);
    db.close();
  });

  it('a database from before the one-permutation signatures gets its signatures and representatives computed, its documents kept', async () => {
    const path = join(tempDir('bands'), 'ledger.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 1');
    const text =
      'Riot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $70,000 per coin, a filing showed.\n';
    const insert = old.prepare(
      `INSERT INTO documents (content_hash, source, kind, format, published_source, origin, text, ingested_at) VALUES (?, ?, 'file', 'text', 'none', ?, ?, '2026-03-04')`,
    );
    for (let i = 1; i <= 600; i++) {
      insert.run(`hash-${i}`, `a${i}.txt`, `origin-${i}`, `${text}Paragraph ${i} of its own.`);
      old.prepare("INSERT INTO document_bands (band, document_id) VALUES ('0:stale', ?)").run(i);
    }
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // The stale string bands are gone with the table the stored signatures superseded.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'document_bands'").get()).toBeUndefined();
    // Every document (more than one page of the refresh's reads) has its signature, as ingest writes it.
    const rows = db
      .prepare(
        'SELECT d.id, d.text, s.signature FROM documents d JOIN document_signatures s ON s.document_id = d.id ORDER BY d.id',
      )
      .all() as { id: number; text: string; signature: Buffer }[];
    expect(rows).toHaveLength(600);
    for (const row of [rows[0], rows[499], rows[599]])
      expect(decodeSignature(row.signature)).toEqual(signature(row.text));
    // Each document represents its own origin on all its 16 band keys, as integers the store indexes
    // exactly; two near-copies (the same story, another closing line) share some of them.
    const keysOf = (id: number) =>
      (
        db.prepare('SELECT band FROM origin_bands WHERE document_id = ? ORDER BY band').all(id) as { band: number }[]
      ).map((row) => row.band);
    const keys = keysOf(1);
    expect(new Set(keys).size).toBe(16);
    expect(keys.every((band) => Number.isSafeInteger(band))).toBe(true);
    expect(keysOf(2).filter((band) => keys.includes(band)).length).toBeGreaterThan(0);
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(600);
    expect((db.prepare('SELECT origin FROM documents WHERE id = 7').get() as { origin: string }).origin).toBe(
      'origin-7',
    );
    db.close();
  });
});

describe('a broken rule file', () => {
  afterAll(cleanupTempDirs);

  it('YAML syntax: names the file and the line', async () => {
    const dir = tempDir('rules-yaml');
    writeFileSync(
      join(dir, 'hedges.yaml'),
      [
        '# hedges for the test',
        '- words: [about, roughly]',
        '  low: 0.9',
        '  high: 1.1',
        '- words: [nearly, almost',
        '  low: 0.9',
        '  high: 1.0',
        '',
      ].join('\n'),
    );
    let error: unknown;
    try {
      loadRuleFile(dir, 'hedges.yaml', HedgesFile);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    const ruleError = error as RuleFileError;
    expect(ruleError.file).toBe(join(dir, 'hedges.yaml'));
    expect(ruleError.line).toBeGreaterThanOrEqual(5);
    expect(ruleError.line).toBeLessThanOrEqual(8);
    expect(ruleError.message).toMatch(
      new RegExp(`^${join(dir, 'hedges.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${ruleError.line}: YAML syntax`),
    );
  });

  it('schema error: names the file, the line of the bad value and the field', async () => {
    const dir = tempDir('rules-schema');
    writeFileSync(
      join(dir, 'hedges.yaml'),
      [
        '- words: [about]',
        '  low: 0.9',
        '  high: 1.1',
        '',
        '- words: [nearly]',
        '  low: plenty',
        '  high: 1.0',
        '',
      ].join('\n'),
    );
    expect(() => loadRuleFile(dir, 'hedges.yaml', HedgesFile)).toThrow(RuleFileError);
    try {
      loadRuleFile(dir, 'hedges.yaml', HedgesFile);
    } catch (caught) {
      const error = caught as RuleFileError;
      expect(error.line).toBe(6);
      expect(error.message).toMatch(/hedges\.yaml:6: 1\.low: /);
    }
  });

  it('a missing rule file is named, without a line', async () => {
    const dir = tempDir('rules-missing');
    expect(() => loadRuleFile(dir, 'hedges.yaml', HedgesFile)).toThrow(
      /hedges\.yaml: cannot read the rule file \(ENOENT\)/,
    );
  });

  it('one bad file in a full rules folder is the one named', async () => {
    const dir = tempDir('rules-full');
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const assets = join(dir, 'assets.yaml');
    writeFileSync(assets, `${readFileSync(assets, 'utf8')}\n- symbol: not a symbol\n  names: [fakecoin]\n`);
    expect(() => loadRuleFiles(dir)).toThrow(RuleFileError);
    expect(() => loadRuleFiles(dir)).toThrow(new RegExp(`assets\\.yaml:\\d+: \\d+\\.symbol: `));
  });
});
