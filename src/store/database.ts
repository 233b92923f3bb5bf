import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';

/** "DLDG": marks a SQLite file as ours, so we never migrate someone else's database. */
const APPLICATION_ID = 0x444c4447;

export class DatabaseError extends Error {
  constructor(readonly path: string, why: string) {
    super(`${path}: ${why}`);
    this.name = 'DatabaseError';
  }
}

export type Db = Database.Database;

export function defaultDatabasePath(): string {
  return process.env.DATLEDGER_DB || './datledger.db';
}

/** Opens (creating if needed) a datledger database: WAL, a busy timeout, migrations forward only. */
export function openDatabase(path: string = defaultDatabasePath()): Db {
  if (path !== ':memory:' && existsSync(path) && statSync(path).size > 0) {
    const header = readFileSync(path, { flag: 'r' }).subarray(0, 16).toString('latin1');
    if (header !== 'SQLite format 3\u0000') throw new DatabaseError(path, 'is not a datledger database (not a SQLite file); it was left untouched. Pass another --db FILE.');
  }
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 10000');
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasTables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
    if (hasTables && applicationId !== APPLICATION_ID) throw new DatabaseError(path, 'is a SQLite database of another program; it was left untouched. Pass another --db FILE.');
    if (version > MIGRATIONS.length) throw new DatabaseError(path, `was written by a newer datledger (schema ${version}, this one knows ${MIGRATIONS.length}); upgrade datledger. The file was left untouched.`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db, from: number) {
  if (from === MIGRATIONS.length) return;
  db.transaction(() => {
    // Re-read under the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
