import type { Statement } from 'better-sqlite3';
import type { OriginCandidate } from '../origins/representatives.js';
import type { Db } from './database.js';
import { decodeSignature, REPRESENTATIVES_BY_BANDS, type CandidateRow } from './signatures.js';
import { BAND_COUNT } from '../origins/minhash.js';

/**
 * Rows held in memory at most. Each is a small object beside its document's 256-byte signature;
 * 20,000 syndicated articles make about 200,000 rows (16 band keys a text, fewer where a key is full).
 */
export const MAX_CACHED_ROWS = 400_000;

/**
 * The stored representatives (origin_bands with their signatures) by band key, kept in memory
 * for a connection: a near-duplicate lookup is a few map reads instead of a query that decodes up
 * to 128 signatures (about half a millisecond a document, the slowest step of a syndicated ingest).
 *
 * The table stays the truth. The cache is dropped when another connection has written to the
 * database (SQLite's data_version moves), when a transaction that wrote to it rolls back, and when
 * it would hold more than MAX_CACHED_ROWS (or the limit given). A connection whose database is small enough reads every
 * row once and then never queries again ('complete'); otherwise it reads the band keys it has not
 * seen, as before, and keeps them.
 */
export class RepresentativeIndex {
  private readonly byBand = new Map<number, OriginCandidate[]>();
  /** Every stored row is in byBand: a key missing from it has no representatives. */
  private complete = false;
  private rows = 0;
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
      all: db.prepare(
        'SELECT o.band, o.origin, o.document_id AS id, s.signature FROM origin_bands o JOIN document_signatures s ON s.document_id = o.document_id ORDER BY o.document_id',
      ),
      byBands: db.prepare(REPRESENTATIVES_BY_BANDS),
    };
  }

  /** The representatives holding any of these band keys, earliest document first (as REPRESENTATIVES_BY_BANDS orders them). */
  candidates(bands: readonly number[]): OriginCandidate[] {
    this.validate();
    // Too large: start again from what this lookup needs (it adds at most BAND_COUNT x a key's bound).
    if (this.rows > this.maxRows) this.clear();
    const keys = [...new Set(bands)];
    if (!this.complete) this.load(keys.filter((band) => !this.byBand.has(band)));
    const found: OriginCandidate[] = [];
    for (const band of keys) {
      const list = this.byBand.get(band);
      if (list) for (const candidate of list) found.push(candidate);
    }
    // Each list is in document order; together, sorted by document (a document on several keys keeps their order).
    return found.sort((a, b) => a.id - b.id);
  }

  /** A row this connection has just inserted (its transaction not yet committed). */
  added(candidate: OriginCandidate) {
    const list = this.byBand.get(candidate.band);
    if (list) list.push(candidate);
    else if (this.complete) this.byBand.set(candidate.band, [candidate]);
    else return;
    this.rows++;
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
    this.byBand.clear();
    this.complete = false;
    this.rows = 0;
  }

  private validate() {
    const version = this.statements.version.get() as number;
    if (version === this.version) return;
    this.clear();
    this.version = version;
    // Every row once, at the first lookup; after that (another connection wrote), only what is asked for.
    if (!this.readAll && (this.statements.count.get() as number) <= this.maxRows / 2) {
      this.keep(this.statements.all.all() as CandidateRow[]);
      this.complete = true;
    }
    this.readAll = true;
  }

  private load(missing: number[]) {
    // The statement takes BAND_COUNT keys; repeating one changes nothing an IN list matches.
    for (let at = 0; at < missing.length; at += BAND_COUNT) {
      const keys = missing.slice(at, at + BAND_COUNT);
      for (const band of keys) this.byBand.set(band, []);
      const padded = [...keys, ...Array<number>(BAND_COUNT - keys.length).fill(keys[0])];
      this.keep(this.statements.byBands.all(...padded) as CandidateRow[]);
    }
  }

  /** Rows in document order into their keys' lists; a document on several keys is decoded once. */
  private keep(rows: CandidateRow[]) {
    let lastId = -1;
    let signature: Uint32Array = new Uint32Array(0);
    for (const row of rows) {
      if (row.id !== lastId) {
        lastId = row.id;
        signature = decodeSignature(row.signature);
      }
      const candidate = { band: row.band, origin: row.origin, id: row.id, signature };
      const list = this.byBand.get(row.band);
      if (list) list.push(candidate);
      else this.byBand.set(row.band, [candidate]);
      this.rows++;
    }
  }
}
