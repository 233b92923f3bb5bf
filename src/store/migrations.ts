/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran. Only ever append:
 * a database from an older datledger is carried forward, one from a newer one is refused.
 */
export const MIGRATIONS: string[] = [
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
];
