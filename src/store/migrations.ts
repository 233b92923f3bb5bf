import type { Database } from 'better-sqlite3';

/** A step of SQL, or of code for what SQL cannot compute; each runs inside the migration's transaction. */
export type Migration = string | ((db: Database) => void);

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
  // 2: signatures by one-permutation hashing, integer band keys. The table was made again with an
  // integer column and its rows computed here from the texts; a migration that runs today's
  // MinHash gives another result once MinHash changes, so this step is now SQL only: what MinHash
  // computes is written by refreshSignatures (src/store/signatures.ts) when the database is opened.
  `DROP TABLE document_bands;
   CREATE TABLE document_bands (band INTEGER NOT NULL, document_id INTEGER NOT NULL REFERENCES documents(id));
   CREATE INDEX document_bands_band ON document_bands(band);`,
  // 3: one row per failing input, its latest reason (runs added a row each time, so counts grew with every re-run).
  `DELETE FROM failures WHERE id NOT IN (SELECT max(id) FROM failures GROUP BY input);
   CREATE UNIQUE INDEX failures_input ON failures(input);`,
  // 4: why a document yielded nothing, as its analysis said (extract/quietReason.ts; null for documents stored
  // before); mentions by document, to find those documents (stats, documents) and to forget one.
  `ALTER TABLE documents ADD COLUMN quiet_reason TEXT;
   ALTER TABLE documents ADD COLUMN quiet_detail TEXT;
   CREATE INDEX mentions_document ON mentions(document_id);`,
  // 5: the near-duplicate lookup without a scan of every earlier document in a band (issue 13).
  // document_signatures: each document's MinHash signature (64 little-endian uint32), stored with
  // the SIGNATURE_VERSION that computed it, so a lookup never recomputes one from its text.
  // origin_bands: for each band key, a few representatives of each origin holding it, a bounded
  // number in all (src/origins/representatives.ts): a lookup reads at most 16 x that many rows, however
  // many reprints an origin has. Both are filled by refreshSignatures on open, from the texts.
  // store_settings: the signature version the stored signatures and representatives are of.
  // document_bands (every document's 16 band keys) is superseded: a lookup read all of a band's
  // documents through it, and its keys follow from the stored signature. Documents by origin: a
  // forgotten representative is replaced by another document of its origin.
  `DROP TABLE document_bands;
   CREATE INDEX documents_origin ON documents(origin);
   CREATE TABLE document_signatures (document_id INTEGER PRIMARY KEY REFERENCES documents(id), version INTEGER NOT NULL, signature BLOB NOT NULL);
   CREATE TABLE origin_bands (band INTEGER NOT NULL, document_id INTEGER NOT NULL REFERENCES documents(id), origin TEXT NOT NULL, PRIMARY KEY (band, document_id)) WITHOUT ROWID;
   CREATE TABLE store_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 6: the date the page itself shows, kept beside a date a user stated (sidecar, --published,
  // set-published); and when the file was saved (its mtime) or the page fetched: recorded, never a reference.
  `ALTER TABLE documents ADD COLUMN page_published TEXT;
   ALTER TABLE documents ADD COLUMN page_published_source TEXT;
   ALTER TABLE documents ADD COLUMN saved_at TEXT;
   UPDATE documents SET page_published = published, page_published_source = published_source WHERE published_source <> 'option';`,
  // 7: ids an event no longer answers to (merged, split off, moved by review), and the event holding what it was.
  `CREATE TABLE event_aliases (alias TEXT NOT NULL, event_id TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (alias, event_id));`,
];
