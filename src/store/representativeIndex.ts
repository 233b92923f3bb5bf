import type { Statement } from 'better-sqlite3';
import { BAND_COUNT, HASHES } from '../origins/minhash.js';
import type { OriginCandidate } from '../origins/representatives.js';
import type { Db } from './database.js';
import { decodeSignature, REPRESENTATIVE_ROWS, REPRESENTATIVES_BY_BANDS, type CandidateRow } from './signatures.js';

/**
 * Rows (a band key and a document) held at most: about 12 MB (20,000 pages of today's bench corpus
 * make 310,000 rows in 15 MB; syndicated pages fewer, since a reprint represents its origin on few
 * keys). Past it the cache starts again with the keys lookups ask for, which reprints keep
 * asking for. Measured at N = 50,000 (syndicated, today's): peak RSS 394 and 427 MB with 600,000,
 * 382 and 399 MB with this, the origin stage 6.3 -> 7.3 s and 2.4 -> 4.5 s.
 */
export const MAX_CACHED_ROWS = 250_000;

/**
 * The stored representatives (origin_bands with their signatures) by band key, kept in memory
 * for a connection: a near-duplicate lookup is a few array reads instead of a query that decodes
 * up to 128 signatures (about half a millisecond a document, the slowest step of a syndicated
 * ingest).
 *
 * The table stays the truth. The cache is dropped when another connection has written to the
 * database (SQLite's data_version moves), when a transaction that wrote to it rolls back, and when
 * it holds more than MAX_CACHED_ROWS (or the limit given). At its first lookup a connection whose
 * table is small enough reads every row and then never queries again ('complete'); otherwise it
 * reads the band keys it has not seen, as the query did, and keeps them.
 *
 * Kept in typed arrays, not objects, so that memory stays small and flat: an open-addressing table
 * from band key to its latest row, rows chained per key, and documents (id, origin, signature)
 * appended as they are first seen, rows and documents in fixed-size pages (growing copies nothing).
 */
export class RepresentativeIndex {
  // Band keys: open addressing, linear probing; a slot's head is -1 for a key known to hold no row.
  // Keys are band index, 16 + 32 hash bits (up to 2^52): exact in a double, not in 32 bits. NaN marks a free slot.
  private keys = new Float64Array(0);
  private heads = new Int32Array(0);
  private keyCount = 0;
  // Rows, chained per key, the latest first (a lookup sorts what it finds by document): pages of
  // (document, next row) pairs, so that growing copies nothing and leaves no garbage.
  private rowPages: Int32Array[] = [];
  private rows = 0;
  // Documents held: id, origin, signature (HASHES values each), in pages too.
  private idPages: Float64Array[] = [];
  private signaturePages: Uint32Array[] = [];
  private origins: string[] = [];
  private documentCount = 0;
  /** Every stored row is held: a key that is not in the table has no representatives. */
  private complete = false;
  /** data_version when the cache was last known to match the table; null when it is not known to. */
  private version: number | null = null;
  /** Every row has been read once already: after that, only the keys a lookup asks for. */
  private readAll = false;
  private readonly statements: { version: Statement; count: Statement; all: Statement; byBands: Statement };

  constructor(
    db: Db,
    private readonly maxRows = MAX_CACHED_ROWS,
  ) {
    this.statements = {
      version: db.prepare('PRAGMA data_version').pluck(),
      count: db.prepare('SELECT count(*) FROM origin_bands').pluck(),
      all: db.prepare(`${REPRESENTATIVE_ROWS} ORDER BY o.document_id`),
      byBands: db.prepare(REPRESENTATIVES_BY_BANDS),
    };
    this.clear();
  }

  /**
   * The representatives holding any of these band keys, earliest document first (as REPRESENTATIVES_BY_BANDS
   * orders them).
   */
  candidates(bands: readonly number[]): OriginCandidate[] {
    this.validate();
    // Too large: start again from what this lookup needs (it adds at most BAND_COUNT x a key's bound).
    if (this.rows > this.maxRows || this.keyCount > this.maxRows) this.clear();
    const keys = [...new Set(bands)];
    if (!this.complete) this.load(keys.filter((band) => this.slotOf(band) < 0));
    const found: OriginCandidate[] = [];
    for (const band of keys) {
      const slot = this.slotOf(band);
      if (slot < 0) continue;
      for (let row = this.heads[slot]; row >= 0;) {
        const page = this.rowPages[row >>> ROW_PAGE_BITS];
        const at = (row & (ROW_PAGE - 1)) * 2;
        const document = page[at];
        const [ids, signatures, offset] = this.documentPlace(document);
        found.push({
          band,
          origin: this.origins[document],
          id: ids[offset],
          signature: signatures.subarray(offset * HASHES, (offset + 1) * HASHES),
        });
        row = page[at + 1];
      }
    }
    // In document order, as the query gives them (a document on several keys: in the order of the keys asked).
    return found.sort((a, b) => a.id - b.id);
  }

  /** A row this connection has just inserted (its transaction not yet committed). */
  added({ band, origin, id, signature }: OriginCandidate) {
    if (!this.complete && this.slotOf(band) < 0) return;
    this.addRow(band, this.documentOf(id, origin, signature));
  }

  /**
   * The table changed in a way the cache did not follow: a transaction that wrote to it rolled
   * back, or representatives were deleted. Read again at the next lookup.
   */
  forget() {
    this.clear();
    this.version = null;
  }

  private clear() {
    this.keys = new Float64Array(1024).fill(NaN);
    this.heads = new Int32Array(1024);
    this.keyCount = 0;
    this.rowPages = [];
    this.rows = 0;
    this.idPages = [];
    this.signaturePages = [];
    this.origins = [];
    this.documentCount = 0;
    this.complete = false;
  }

  private validate() {
    const version = this.statements.version.get() as number;
    if (version === this.version) return;
    this.clear();
    this.version = version;
    // Every row once, at the first lookup; after that (another connection wrote), only what is asked for.
    if (!this.readAll && (this.statements.count.get() as number) <= this.maxRows / 2) {
      // Row by row: a ledger of 20,000 pages has some 300,000 rows, several hundred MB as objects at once.
      this.keep(this.statements.all.iterate() as Iterable<CandidateRow>);
      this.complete = true;
    }
    this.readAll = true;
  }

  private load(missing: number[]) {
    // The statement takes BAND_COUNT keys; repeating one changes nothing an IN list matches.
    for (let at = 0; at < missing.length; at += BAND_COUNT) {
      const keys = missing.slice(at, at + BAND_COUNT);
      for (const band of keys) this.insertKey(band);
      const padded = [...keys, ...Array<number>(BAND_COUNT - keys.length).fill(keys[0])];
      this.keep(this.statements.byBands.all(...padded) as CandidateRow[]);
    }
  }

  /** Rows in document order into their keys' chains; a document on several keys is decoded once. */
  private keep(rows: Iterable<CandidateRow>) {
    let lastId = -1;
    let document = -1;
    for (const row of rows) {
      if (row.id !== lastId) {
        lastId = row.id;
        document = this.appendDocument(row.id, row.origin, decodeSignature(row.signature));
      }
      this.addRow(row.band, document);
    }
  }

  /** The document just added, when it is the same (its keys come one after another), else a new one. */
  private documentOf(id: number, origin: string, signature: Uint32Array): number {
    const last = this.documentCount - 1;
    if (last >= 0) {
      const [ids, , offset] = this.documentPlace(last);
      if (ids[offset] === id) return last;
    }
    return this.appendDocument(id, origin, signature);
  }

  /** The pages holding a document's id and signature, and its place in them. */
  private documentPlace(document: number): [Float64Array, Uint32Array, number] {
    const page = document >>> DOCUMENT_PAGE_BITS;
    return [this.idPages[page], this.signaturePages[page], document & (DOCUMENT_PAGE - 1)];
  }

  private appendDocument(id: number, origin: string, signature: Uint32Array): number {
    const document = this.documentCount++;
    if ((document & (DOCUMENT_PAGE - 1)) === 0) {
      this.idPages.push(new Float64Array(DOCUMENT_PAGE));
      this.signaturePages.push(new Uint32Array(DOCUMENT_PAGE * HASHES));
    }
    const [ids, signatures, offset] = this.documentPlace(document);
    ids[offset] = id;
    signatures.set(signature, offset * HASHES);
    // Reprints share an origin: one string for them all.
    this.origins.push(document > 0 && this.origins[document - 1] === origin ? this.origins[document - 1] : origin);
    return document;
  }

  private addRow(band: number, document: number) {
    const slot = this.insertKey(band);
    const row = this.rows++;
    if ((row & (ROW_PAGE - 1)) === 0) this.rowPages.push(new Int32Array(ROW_PAGE * 2));
    const page = this.rowPages[row >>> ROW_PAGE_BITS];
    const at = (row & (ROW_PAGE - 1)) * 2;
    page[at] = document;
    page[at + 1] = this.heads[slot];
    this.heads[slot] = row;
  }

  /** The slot holding this key, or -1. */
  private slotOf(band: number): number {
    const mask = this.keys.length - 1;
    for (let slot = mix(band) & mask; !Number.isNaN(this.keys[slot]); slot = (slot + 1) & mask)
      if (this.keys[slot] === band) return slot;
    return -1;
  }

  /** The slot of this key, made (with no rows) when missing. */
  private insertKey(band: number): number {
    const found = this.slotOf(band);
    if (found >= 0) return found;
    // At most three quarters full: linear probing stays short.
    if ((this.keyCount + 1) * 4 > this.keys.length * 3) this.rehash(this.keys.length * 2);
    const mask = this.keys.length - 1;
    let slot = mix(band) & mask;
    while (!Number.isNaN(this.keys[slot])) slot = (slot + 1) & mask;
    this.keys[slot] = band;
    this.heads[slot] = -1;
    this.keyCount++;
    return slot;
  }

  private rehash(capacity: number) {
    const { keys, heads } = this;
    this.keys = new Float64Array(capacity).fill(NaN);
    this.heads = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < keys.length; old++) {
      if (Number.isNaN(keys[old])) continue;
      let slot = mix(keys[old]) & mask;
      while (!Number.isNaN(this.keys[slot])) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old];
      this.heads[slot] = heads[old];
    }
  }
}

/** Rows a page holds (2^12; 32 KB a page), and documents (2^8; 66 KB a page with their signatures). */
const ROW_PAGE_BITS = 12;
const ROW_PAGE = 1 << ROW_PAGE_BITS;
const DOCUMENT_PAGE_BITS = 8;
const DOCUMENT_PAGE = 1 << DOCUMENT_PAGE_BITS;

/** A slot hash of a band key: its low 32 bits and the bits above them, mixed. */
const mix = (key: number) => Math.imul((key >>> 0) ^ Math.floor(key / 2 ** 32), 0x9e3779b1) >>> 0;
