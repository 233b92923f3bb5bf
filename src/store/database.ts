import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
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

/**
 * Opens (creating if needed) a datledger database: WAL, a busy timeout, migrations forward only.
 * A file that is not ours (not SQLite, another program's SQLite, a newer datledger's schema) is
 * refused before anything is written to it: it is first looked at through a read-only connection.
 */
export function openDatabase(path: string = defaultDatabasePath()): Db {
  if (path !== ':memory:' && existsSync(path)) inspectExisting(path);
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new DatabaseError(path, `cannot open the database (${(error as Error).message}). Pass another --db FILE.`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    // Checked again on this connection: the file may have changed since it was inspected.
    const version = checkOwnership(db, path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, version);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    if (isSqliteError(error) && /^SQLITE_(?:NOTADB|CORRUPT|BUSY|LOCKED)/.test(error.code)) throw refusal(path, error);
    throw error;
  }
}

const isSqliteError = (error: unknown): error is Error & { code: string } => error instanceof Error && /^SQLITE_/.test(String((error as Error & { code?: unknown }).code));

/** The refusals, read-only: not a file, not SQLite, someone else's, a newer schema, unreadable. */
function inspectExisting(path: string) {
  const stats = statSync(path);
  if (stats.isDirectory()) throw new DatabaseError(path, 'is a folder, not a database file. Pass --db FILE.');
  if (stats.size === 0) return;
  const header = Buffer.alloc(16);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, header, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new DatabaseError(path, `cannot read the database file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw new DatabaseError(path, 'is not a datledger database (not a SQLite file); it was left untouched. Pass another --db FILE.');
  let probe: Db | null = null;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    probe.pragma('busy_timeout = 10000');
    checkOwnership(probe, path);
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw refusal(path, error as Error);
  } finally {
    probe?.close();
  }
}

/** One line for a database SQLite could not open or read: locked by another process, or damaged. */
function refusal(path: string, error: Error): DatabaseError {
  if (isSqliteError(error) && /^SQLITE_(?:BUSY|LOCKED)/.test(error.code)) return new DatabaseError(path, `is locked by another process for longer than the 10 s busy timeout (${error.message}); try again when it is done.`);
  return new DatabaseError(path, `is not a usable SQLite database (${error.message}); it was left untouched. Pass another --db FILE.`);
}

/** Throws unless the database is empty or ours at a schema this datledger knows; returns that schema version. */
function checkOwnership(db: Db, path: string): number {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
  if (hasTables && applicationId !== APPLICATION_ID) throw new DatabaseError(path, 'is a SQLite database of another program; it was left untouched. Pass another --db FILE.');
  if (version > MIGRATIONS.length) throw new DatabaseError(path, `was written by a newer datledger (schema ${version}, this one knows ${MIGRATIONS.length}); upgrade datledger. The file was left untouched.`);
  return version;
}

function migrate(db: Db, path: string, from: number) {
  if (from === MIGRATIONS.length) return;
  db.transaction(() => {
    // Re-read under the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) throw new DatabaseError(path, `was written by a newer datledger (schema ${current}, this one knows ${MIGRATIONS.length}); upgrade datledger. The file was left untouched.`);
    for (let version = current; version < MIGRATIONS.length; version++) {
      const step = MIGRATIONS[version];
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
