import type { Database } from 'better-sqlite3';
import { bandKeys, signature } from '../reconcile/minhash.js';

/** A step of SQL, or of code for what SQL cannot compute; each runs inside the migration's transaction. */
export type Migration = string | ((db: Database) => void);

/**
 * The LSH bands of every stored document, recomputed from its stored text: needed when the
 * signature function changes (minhash.ts). Origins already assigned stay.
 */
function recomputeBands(db: Database) {
  // Band keys became integers (minhash.ts bandKeys): the table is made again with an integer column.
  db.exec(`DROP TABLE document_bands;
    CREATE TABLE document_bands (band INTEGER NOT NULL, document_id INTEGER NOT NULL REFERENCES documents(id));
    CREATE INDEX document_bands_band ON document_bands(band);`);
  const insert = db.prepare('INSERT INTO document_bands (band, document_id) VALUES (?, ?)');
  // Pages of documents (a connection cannot write while it iterates, and all texts at once could be GBs).
  const page = db.prepare('SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 500');
  for (let after = 0; ;) {
    const rows = page.all(after) as { id: number; text: string }[];
    if (rows.length === 0) break;
    for (const row of rows) for (const band of bandKeys(signature(row.text))) insert.run(band, row.id);
    after = rows.at(-1)!.id;
  }
}

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran. Only ever append:
 * a database from an older datledger is carried forward, one from a newer one is refused.
 */
export const MIGRATIONS: Migration[] = [
  `CREATE TABLE documents (
     id INTEGER PRIMARY KEY,
     content_hash TEXT NOT NULL UNIQUE,
     source TEXT NOT NULL,
     kind TEXT NOT NULL,
     format TEXT NOT NULL,
     title TEXT,
     site_name TEXT,
     canonical_url TEXT,
     published TEXT,
     published_source TEXT NOT NULL,
     origin TEXT NOT NULL,
     text TEXT NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE TABLE document_bands (band TEXT NOT NULL, document_id INTEGER NOT NULL REFERENCES documents(id));
   CREATE INDEX document_bands_band ON document_bands(band);
   CREATE TABLE mentions (
     key TEXT PRIMARY KEY,
     document_id INTEGER NOT NULL REFERENCES documents(id),
     block_key TEXT NOT NULL,
     span_start INTEGER NOT NULL,
     span_end INTEGER NOT NULL,
     evidence TEXT NOT NULL,
     rules TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX mentions_block ON mentions(block_key);
   CREATE TABLE events (id TEXT PRIMARY KEY, block_key TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX events_block ON events(block_key);
   CREATE TABLE event_mentions (event_id TEXT NOT NULL, mention_key TEXT NOT NULL, PRIMARY KEY (event_id, mention_key));
   CREATE TABLE conflicts (event_id TEXT NOT NULL, field TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (event_id, field));
   CREATE TABLE decisions (
     id INTEGER PRIMARY KEY,
     block_key TEXT NOT NULL,
     field TEXT NOT NULL,
     value TEXT NOT NULL,
     value_before TEXT,
     mention_keys TEXT NOT NULL,
     candidates TEXT NOT NULL,
     reviewer TEXT NOT NULL,
     decided_at TEXT NOT NULL,
     note TEXT,
     undone INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE failures (id INTEGER PRIMARY KEY, input TEXT NOT NULL, reason TEXT NOT NULL, failed_at TEXT NOT NULL);
   CREATE TABLE fetch_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_hash TEXT, fetched_at TEXT NOT NULL);`,
  // 2: signatures by one-permutation hashing, integer band keys: bands recomputed.
  recomputeBands,
  // 3: one row per failing input, its latest reason (runs added a row each time, so counts grew with every re-run).
  `DELETE FROM failures WHERE id NOT IN (SELECT max(id) FROM failures GROUP BY input);
   CREATE UNIQUE INDEX failures_input ON failures(input);`,
  // 4: why a document yielded nothing, as its analysis said (extract/quietReason.ts; null for documents stored
  // before); mentions by document, to find those documents (stats, documents) and to forget one.
  `ALTER TABLE documents ADD COLUMN quiet_reason TEXT;
   ALTER TABLE documents ADD COLUMN quiet_detail TEXT;
   CREATE INDEX mentions_document ON mentions(document_id);`,
  // 5: the date the page itself shows, kept beside a date a user stated (sidecar, --published,
  // set-published); and when the file was saved (its mtime) or the page fetched: recorded, never a reference.
  `ALTER TABLE documents ADD COLUMN page_published TEXT;
   ALTER TABLE documents ADD COLUMN page_published_source TEXT;
   ALTER TABLE documents ADD COLUMN saved_at TEXT;
   UPDATE documents SET page_published = published, page_published_source = published_source WHERE published_source <> 'option';`,
];
