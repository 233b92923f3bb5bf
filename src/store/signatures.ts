import type { Database } from 'better-sqlite3';
import { bandKeys, BAND_COUNT, signature, SIGNATURE_VERSION } from '../origins/minhash.js';
import { representativeBands, type OriginCandidate } from '../origins/representatives.js';

/** Signatures are stored as 64 little-endian uint32: the same bytes on every machine. */
export function encodeSignature(sig: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) bytes.writeUInt32LE(sig[i], i * 4);
  return bytes;
}

export function decodeSignature(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/** The stored representatives (a band key and a document) with their signatures, as CandidateRow. */
export const REPRESENTATIVE_ROWS = `SELECT o.band, o.origin, o.document_id AS id, s.signature
  FROM origin_bands o JOIN document_signatures s ON s.document_id = o.document_id`;

/**
 * Every band of a signature in one lookup: the representatives holding any of them, with their stored
 * signatures, earliest first.
 */
export const REPRESENTATIVES_BY_BANDS = `${REPRESENTATIVE_ROWS}
  WHERE o.band IN (${Array(BAND_COUNT).fill('?').join(', ')}) ORDER BY o.document_id`;

export interface CandidateRow {
  band: number;
  origin: string;
  id: number;
  signature: Buffer;
}

/** Rows of REPRESENTATIVES_BY_BANDS as candidates; a document representing several bands is decoded once. */
export function readCandidates(rows: CandidateRow[]): OriginCandidate[] {
  let last: { id: number; signature: Uint32Array } | null = null;
  return rows.map((row) => {
    if (last?.id !== row.id) last = { id: row.id, signature: decodeSignature(row.signature) };
    return { band: row.band, origin: row.origin, id: row.id, signature: last.signature };
  });
}

const VERSION_KEY = 'signature_version';

/**
 * Brings stored signatures and representatives to this datledger's SIGNATURE_VERSION.
 * Nothing to do (one row read) when they are already of it: ingest writes them as it stores each
 * document. Otherwise (a database from before signatures were stored, or from a datledger with
 * another MinHash) every document's signature is computed again from its stored text, and each
 * band's representatives chosen again in document order, as ingest would have. Origins
 * already assigned stay as they are.
 */
export function refreshSignatures(db: Database) {
  const current = () =>
    Number(
      (db.prepare('SELECT value FROM store_settings WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined)
        ?.value,
    ) === SIGNATURE_VERSION;
  if (current()) return;
  db.transaction(() => {
    // Asked again under the write lock: another process may have done it meanwhile.
    if (current()) return;
    db.exec('DELETE FROM document_signatures; DELETE FROM origin_bands;');
    const saveSignature = db.prepare(
      'INSERT INTO document_signatures (document_id, version, signature) VALUES (?, ?, ?)',
    );
    const addRepresentative = db.prepare('INSERT INTO origin_bands (band, document_id, origin) VALUES (?, ?, ?)');
    const representatives = db.prepare(REPRESENTATIVES_BY_BANDS);
    // Pages of documents (a connection cannot write while it iterates, and all texts at once could be GBs).
    const page = db.prepare('SELECT id, origin, text FROM documents WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = 0; ;) {
      const rows = page.all(after) as { id: number; origin: string; text: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const sig = signature(row.text);
        saveSignature.run(row.id, SIGNATURE_VERSION, encodeSignature(sig));
        const bands = bandKeys(sig);
        const candidates = readCandidates(representatives.all(...bands) as CandidateRow[]);
        for (const band of representativeBands(sig, row.origin, bands, candidates))
          addRepresentative.run(band, row.id, row.origin);
      }
      after = rows.at(-1)!.id;
    }
    db.prepare('INSERT OR REPLACE INTO store_settings (key, value) VALUES (?, ?)').run(
      VERSION_KEY,
      String(SIGNATURE_VERSION),
    );
  }).immediate();
}
