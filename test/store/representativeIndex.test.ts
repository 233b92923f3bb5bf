/**
 * The in-memory index of origin representatives answers exactly as the table does: the same rows
 * in the same order for any band keys, after this connection's inserts, another connection's
 * writes, a rollback, and when it may hold only a few rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OriginCandidate } from '../../src/origins/representatives.js';
import { analyzeDocument, type AnalyzedDocument } from '../../src/analyze.js';
import { lookupOrigin } from '../../src/origins/lookup.js';
import { bandKeys } from '../../src/origins/minhash.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { openDatabase, Repository, type Db } from '../../src/store/index.js';
import { RepresentativeIndex } from '../../src/store/representativeIndex.js';
import {
  encodeSignature,
  readCandidates,
  REPRESENTATIVES_BY_BANDS,
  type CandidateRow,
} from '../../src/store/signatures.js';
import { BAND_COUNT } from '../../src/origins/minhash.js';
import { rawDocument } from '../helpers/article.js';

const RELEASE =
  'Quillfeather Holdings said on Tuesday that it bought 310 BTC for about $24.8 million, lifting its holdings to 2,415 BTC. The company funds its purchases from a preferred stock program and reports them every week on its website, where investors can also find its filings and its earlier updates.';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'datledger-representatives-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
};

/** A document with a signature of its own, representing its origin on `bands`; the row as the index should hold it. */
function store(db: Db, id: number, origin: string, bands: number[], index?: RepresentativeIndex) {
  const signature = Uint32Array.from({ length: 64 }, (_, at) => (id * 7919 + at) >>> 0);
  db.prepare(
    `INSERT INTO documents (id, content_hash, source, kind, format, published_source, origin, text, ingested_at)
     VALUES (?, ?, ?, 'file', 'text', 'none', ?, '', '2026-01-01')`,
  ).run(id, `hash-${id}`, `doc-${id}.txt`, origin);
  db.prepare('INSERT INTO document_signatures (document_id, version, signature) VALUES (?, 1, ?)').run(
    id,
    encodeSignature(signature),
  );
  for (const band of new Set(bands)) {
    db.prepare('INSERT INTO origin_bands (band, document_id, origin) VALUES (?, ?, ?)').run(band, id, origin);
    index?.added({ band, origin, id, signature });
  }
}

/** What the table says, by the query the index replaces. */
const fromTable = (db: Db, bands: number[]) =>
  readCandidates(db.prepare(REPRESENTATIVES_BY_BANDS).all(...bands) as CandidateRow[]);
const view = (candidates: OriginCandidate[]) =>
  candidates.map((c) => `${c.id}@${c.band}:${c.origin}:${Array.from(c.signature.slice(0, 2)).join(',')}`).sort();
const order = (candidates: OriginCandidate[]) => candidates.map((c) => c.id);

/**
 * Sixteen keys drawn from a small set, so lookups share keys with stored rows and with each other.
 * Real keys are up to 2^52 (band index, then hash bits): these differ only above the low 32 bits.
 */
function bandsOf(seed: number, spread = 40): number[] {
  let state = seed;
  return Array.from({ length: BAND_COUNT }, () => ((state = (state * 48271) % 2147483647) % spread) * 2 ** 44 + 7);
}

function expectSame(index: RepresentativeIndex, db: Db, seeds: number[], spread?: number) {
  for (const seed of seeds) {
    const bands = bandsOf(seed, spread);
    const cached = index.candidates(bands);
    const stored = fromTable(db, bands);
    expect(view(cached), `keys ${bands}`).toEqual(view(stored));
    expect(order(cached)).toEqual(order(stored));
  }
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('representatives in memory', () => {
  for (const maxRows of [400_000, 12]) {
    it(`answer as the table does, as this connection inserts (at most ${maxRows} rows held)`, () => {
      const db = openDatabase(tempDb());
      const index = new RepresentativeIndex(db, maxRows);
      for (let id = 1; id <= 30; id++) store(db, id, `origin-${id % 6}`, bandsOf(id * 3).slice(0, 1 + (id % 5)));
      expectSame(index, db, SEEDS);
      for (let id = 31; id <= 60; id++) {
        store(db, id, `origin-${id % 6}`, bandsOf(id * 3).slice(0, 1 + (id % 5)), index);
        expectSame(index, db, [id, id + 100]);
      }
      db.close();
    });
  }

  it('answer as the table does past the pages it keeps rows (4,096) and documents (256) in', () => {
    const db = openDatabase(tempDb());
    const index = new RepresentativeIndex(db);
    // Keys from a wider set here: a few rows each, as real keys hold (at most 8).
    const keysOf = (id: number) => bandsOf(id, 400);
    const many = (id: number) => [...new Set(keysOf(id))].length;
    db.transaction(() => {
      for (let id = 1; id <= 300; id++) store(db, id, `origin-${id % 7}`, keysOf(id));
    })();
    expectSame(index, db, SEEDS, 400);
    let rows = 0;
    db.transaction(() => {
      for (let id = 301; id <= 700; id++) {
        store(db, id, `origin-${id % 7}`, keysOf(id), index);
        rows += many(id);
      }
    })();
    expect(rows).toBeGreaterThan(4_096);
    expectSame(index, db, [...SEEDS, ...Array.from({ length: 40 }, (_, i) => 1_000 + i)], 400);
    db.close();
  });

  it("see another connection's writes", () => {
    const path = tempDb();
    const mine = openDatabase(path);
    const theirs = openDatabase(path);
    const index = new RepresentativeIndex(mine);
    store(mine, 1, 'origin-a', [5, 6], index);
    expect(order(index.candidates([5, 6, 7]))).toEqual([1, 1]);
    store(theirs, 2, 'origin-b', [6, 7]);
    expect(order(index.candidates([5, 6, 7]))).toEqual([1, 1, 2, 2]);
    expectSame(index, mine, SEEDS);
    mine.close();
    theirs.close();
  });

  it("forget what a repository's rolled-back transaction added", () => {
    const db = openDatabase(tempDb());
    const repository = new Repository(db);
    const rulebook = defaultRulebook();
    const first = analyzeDocument(rawDocument(RELEASE, { source: 'first.txt' }), rulebook);
    const reprint = analyzeDocument(rawDocument(`Press release. ${RELEASE}`, { source: 'reprint.txt' }), rulebook);
    const insert = (document: AnalyzedDocument) => {
      const bands = bandKeys(document.signature);
      const { origin, representOn } = lookupOrigin(repository, document.signature, document.raw.contentHash, bands);
      repository.insertDocument(document.raw, document.article, origin, document.signature, representOn, []);
    };
    repository.transaction(() => insert(first));
    const bands = bandKeys(reprint.signature);
    expect(() =>
      repository.transaction(() => {
        insert(reprint);
        expect(new Set(order(repository.originCandidates(bands))).size).toBe(2);
        throw new Error('the batch fails');
      }),
    ).toThrow('the batch fails');
    expect(view(repository.originCandidates(bands))).toEqual(view(fromTable(db, bands)));
    expect(new Set(order(repository.originCandidates(bands)))).toEqual(new Set([1]));
    db.close();
  });
});
