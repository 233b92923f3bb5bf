import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { bandKeys, signature, SIGNATURE_VERSION } from '../../src/origins/minhash.js';
import { REPRESENTATIVES_PER_BAND, REPRESENTATIVES_PER_ORIGIN } from '../../src/origins/representatives.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { openDatabase, Repository } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { decodeSignature } from '../../src/store/signatures.js';
import { rawDocument } from '../helpers/article.js';

// A release written for this test, reprinted by many sites with their own lead-ins and footers.
const RELEASE =
  'Halcyon Ledger Inc. today announced that it acquired 1,250 BTC for approximately $101.3 million in cash, at an average price of $81,040 per bitcoin, between May 4 and May 10. As of May 10 the company held 9,870 BTC, acquired for an aggregate purchase price of about $640 million. The purchases were funded with proceeds from its at-the-market equity program. The company measures its progress by the amount of bitcoin held per share and intends to keep acquiring bitcoin when capital can be raised on terms that increase that figure. About Halcyon Ledger: the company is listed in New York and publishes its holdings on its investor relations website.';
const LEAD_INS = [
  '',
  'Reporting by a staff writer.',
  'This release was distributed through a newswire.',
  'From our partners:',
  'Press release.',
];
const FOOTERS = [
  '',
  'Nothing here is investment advice.',
  'The site did not verify these figures.',
  'Share this story.',
];
const reprint = (i: number) => `${LEAD_INS[i % LEAD_INS.length]} ${RELEASE} ${FOOTERS[i % FOOTERS.length]} Copy ${i}.`;
// Texts of their own, one word list each.
const WORDS = [
  'hashprice',
  'difficulty',
  'premium',
  'inflows',
  'custody',
  'liquidity',
  'issuance',
  'curtailment',
  'basis',
  'dilution',
  'buybacks',
  'margins',
];
const ownText = (i: number) => {
  let state = i + 1;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: 60 }, () => `${WORDS[next() % WORDS.length]}${next() % 1000}`).join(' ') + '.';
};

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'datledger-signatures-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const originsBySource = (db: Database.Database) =>
  Object.fromEntries(
    (db.prepare('SELECT source, origin FROM documents').all() as { source: string; origin: string }[]).map((row) => [
      row.source,
      row.origin,
    ]),
  );
const representatives = (db: Database.Database) =>
  db.prepare('SELECT band, document_id, origin FROM origin_bands ORDER BY band, document_id').all();

function ingestCluster(path: string, copies: number) {
  const repository = new Repository(openDatabase(path));
  const pipeline = new Pipeline(repository, defaultRulebook());
  const documents = [];
  for (let i = 0; i < copies; i++) {
    documents.push(rawDocument(reprint(i), { source: `reprint-${i}.txt`, published: '2026-05-12' }));
    if (i % 4 === 0) documents.push(rawDocument(ownText(i), { source: `own-${i}.txt`, published: '2026-05-12' }));
  }
  pipeline.ingestDocuments(documents);
  return repository;
}

describe('the near-duplicate lookup on a large cluster', () => {
  const repository = ingestCluster(tempDb(), 120);
  const db = repository.db;

  it("gives every reprint the first copy's origin, and each text of its own its own", () => {
    const origins = originsBySource(db);
    const first = origins['reprint-0.txt'];
    for (let i = 0; i < 120; i++) expect(origins[`reprint-${i}.txt`], `reprint ${i}`).toBe(first);
    const own = Object.entries(origins).filter(([source]) => source.startsWith('own-'));
    expect(own).toHaveLength(30);
    expect(new Set(own.map(([, origin]) => origin)).size).toBe(30);
    expect(own.every(([, origin]) => origin !== first)).toBe(true);
  });

  it('keeps a bounded number of representatives of the cluster, not one per reprint', () => {
    const first = originsBySource(db)['reprint-0.txt'];
    const rows = db
      .prepare('SELECT band, count(*) AS n FROM origin_bands WHERE origin = ? GROUP BY band')
      .all(first) as { band: number; n: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows.map((row) => row.n))).toBeLessThanOrEqual(REPRESENTATIVES_PER_ORIGIN);
    const represented = (
      db.prepare('SELECT count(DISTINCT document_id) AS n FROM origin_bands WHERE origin = ?').get(first) as {
        n: number;
      }
    ).n;
    expect(represented).toBeLessThan(120);
    const perBand = db
      .prepare('SELECT max(n) AS n FROM (SELECT count(*) AS n FROM origin_bands GROUP BY band)')
      .get() as { n: number };
    expect(perBand.n).toBeLessThanOrEqual(REPRESENTATIVES_PER_BAND);
  });

  it('reads no more candidates for the next reprint than 16 bands x the representatives an origin keeps, after 40 copies or 120', () => {
    const next = bandKeys(signature(reprint(1000)));
    const small = ingestCluster(tempDb(), 40);
    for (const store of [small, repository]) {
      const candidates = store.originCandidates(next);
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates.length).toBeLessThanOrEqual(16 * REPRESENTATIVES_PER_ORIGIN);
      expect(candidates.every((candidate) => candidate.origin === originsBySource(store.db)['reprint-0.txt'])).toBe(
        true,
      );
    }
  });

  it("stores each document's signature, of this MinHash version, and compares with it", () => {
    const rows = db
      .prepare(
        'SELECT d.text, s.version, s.signature FROM documents d JOIN document_signatures s ON s.document_id = d.id',
      )
      .all() as { text: string; version: number; signature: Buffer }[];
    expect(rows).toHaveLength(150);
    for (const row of rows) {
      expect(row.version).toBe(SIGNATURE_VERSION);
      expect(decodeSignature(row.signature)).toEqual(signature(row.text));
    }
  });
});

describe('forgetting a representative', () => {
  it("hands its band keys to the origin's next documents, so a later reprint still finds the origin", () => {
    const repository = ingestCluster(tempDb(), 12);
    const db = repository.db;
    const first = db.prepare("SELECT id, origin FROM documents WHERE source = 'reprint-0.txt'").get() as {
      id: number;
      origin: string;
    };
    const keysOf = (id: number) =>
      (db.prepare('SELECT band FROM origin_bands WHERE document_id = ?').all(id) as { band: number }[]).map(
        (row) => row.band,
      );
    expect(keysOf(first.id)).toHaveLength(16);
    repository.transaction(() => repository.deleteDocuments([first.id]));
    expect(keysOf(first.id)).toEqual([]);
    expect(db.prepare('SELECT 1 FROM document_signatures WHERE document_id = ?').get(first.id)).toBeUndefined();
    // Every key some remaining copy has is held by the origin again.
    const remaining = db.prepare('SELECT d.text FROM documents d WHERE d.origin = ?').all(first.origin) as {
      text: string;
    }[];
    const keys = new Set(remaining.flatMap((row) => bandKeys(signature(row.text))));
    const held = new Set(
      (db.prepare('SELECT band FROM origin_bands WHERE origin = ?').all(first.origin) as { band: number }[]).map(
        (row) => row.band,
      ),
    );
    expect([...keys].filter((key) => !held.has(key))).toEqual([]);
    new Pipeline(repository, defaultRulebook()).ingestDocuments([
      rawDocument(reprint(500), { source: 'late.txt', published: '2026-05-12' }),
    ]);
    expect(originsBySource(db)['late.txt']).toBe(first.origin);
  });
});

describe('stored signatures on open', () => {
  it('no migration step runs code: what MinHash computes is written on open, under its version', () => {
    expect(MIGRATIONS.every((step) => typeof step === 'string')).toBe(true);
  });

  it('a database whose signatures are of another version has them and its representatives computed again; origins stay', () => {
    const path = tempDb();
    const repository = ingestCluster(path, 30);
    const before = { origins: originsBySource(repository.db), representatives: representatives(repository.db) };
    repository.db.exec(
      "UPDATE store_settings SET value = '0' WHERE key = 'signature_version'; UPDATE document_signatures SET version = 0, signature = zeroblob(256); DELETE FROM origin_bands WHERE document_id > 3",
    );
    repository.db.close();

    const db = openDatabase(path);
    expect(originsBySource(db)).toEqual(before.origins);
    // The same representatives as the ingest chose, in the same document order.
    expect(representatives(db)).toEqual(before.representatives);
    const rows = db
      .prepare(
        'SELECT d.text, s.version, s.signature FROM documents d JOIN document_signatures s ON s.document_id = d.id',
      )
      .all() as { text: string; version: number; signature: Buffer }[];
    expect(rows).toHaveLength(38);
    for (const row of rows) {
      expect(row.version).toBe(SIGNATURE_VERSION);
      expect(decodeSignature(row.signature)).toEqual(signature(row.text));
    }
    db.close();
  });

  it('a database from before stored signatures (schema 2) gets them, its documents and origins kept', () => {
    const path = tempDb();
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.exec(MIGRATIONS[1] as string);
    old.pragma('application_id = 0x444c4447');
    old.pragma('user_version = 2');
    const insert = old.prepare(
      `INSERT INTO documents (content_hash, source, kind, format, published_source, origin, text, ingested_at) VALUES (?, ?, 'file', 'text', 'none', ?, ?, '2026-05-12')`,
    );
    // Two reprints stored under one origin, and a text of its own.
    insert.run('h1', 'a.txt', 'first', reprint(1));
    insert.run('h2', 'b.txt', 'first', reprint(2));
    insert.run('h3', 'c.txt', 'own', ownText(3));
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(originsBySource(db)).toEqual({ 'a.txt': 'first', 'b.txt': 'first', 'c.txt': 'own' });
    expect(
      (
        db.prepare('SELECT count(*) AS n FROM document_signatures WHERE version = ?').get(SIGNATURE_VERSION) as {
          n: number;
        }
      ).n,
    ).toBe(3);
    // The first copy of each origin represents it on all its 16 bands.
    expect(
      new Set(
        (db.prepare('SELECT band FROM origin_bands WHERE document_id = 1').all() as { band: number }[]).map(
          (row) => row.band,
        ),
      ).size,
    ).toBe(16);
    expect((db.prepare("SELECT count(*) AS n FROM origin_bands WHERE origin = 'own'").get() as { n: number }).n).toBe(
      16,
    );
    // What those keys are for: a new reprint ingested now finds the stored origin, a text of its own does not.
    const repository = new Repository(db);
    new Pipeline(repository, defaultRulebook()).ingestDocuments([
      rawDocument(reprint(7), { source: 'd.txt', published: '2026-05-12' }),
      rawDocument(ownText(8), { source: 'e.txt', published: '2026-05-12' }),
    ]);
    expect(originsBySource(db)['d.txt']).toBe('first');
    expect(['first', 'own']).not.toContain(originsBySource(db)['e.txt']);
    db.close();
  });
});
