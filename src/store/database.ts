import Database from 'better-sqlite3';
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { refreshSignatures } from './signatures.js';

/** "DLDG": marks a SQLite file as ours, so we never migrate someone else's database. */
const APPLICATION_ID = 0x444c4447;

export class DatabaseError extends Error {
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(`${path}: ${why}`);
    this.name = 'DatabaseError';
  }
}

export type Db = Database.Database;

export function defaultDatabasePath(): string {
  return process.env.DATLEDGER_DB || './datledger.db';
}

/**
 * What a command will do with its database. Only a command that adds to the ledger may create
 * one: a mistyped --db given to `stats` or `export` must not answer with an empty ledger.
 *   create  ingest, paste: the file is made when missing
 *   write   review --set, forget: the file must exist and be writable
 *   read    stats, export, explain ...: the file must exist; a read-only one is read as it is
 */
export type DatabaseAccess = 'create' | 'write' | 'read';

/**
 * Opens a datledger database: WAL, a busy timeout, migrations forward only. A file that is not
 * ours (not SQLite, another program's SQLite, a newer datledger's schema) is refused before
 * anything is written to it: it is first looked at through a read-only connection.
 */
export function openDatabase(path: string = defaultDatabasePath(), access: DatabaseAccess = 'create'): Db {
  const exists = path !== ':memory:' && existsSync(path);
  if (path !== ':memory:' && !exists && access !== 'create') {
    throw new DatabaseError(
      path,
      'no such database file (only ingest and paste create one). ' +
        'Check --db (or $DATLEDGER_DB), or ingest articles into it first.',
    );
  }
  const unwritable = exists && !statSync(path).isDirectory() ? whyUnwritable(path) : null;
  // A SQLite connection, even a read-only one, would create -wal and -shm files: not for a file we cannot
  // write (openSnapshot checks it).
  if (exists) inspectExisting(path, unwritable === null);
  if (unwritable && access !== 'read') {
    throw new DatabaseError(
      path,
      `cannot be written: ${unwritable}. Nothing was changed; reading commands (stats, export, explain) ` +
        'still work on it. Make it writable or pass another --db FILE.',
    );
  }
  if (unwritable) return openSnapshot(path);
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
    if (path !== ':memory:') {
      db.pragma('journal_mode = WAL');
      // Checkpoint every 10,000 pages (40 MB of WAL) instead of SQLite's 1,000: an ingest rewrites the same
      // index pages batch after batch, and each checkpoint copied them again. 20,000 syndicated pages:
      // store stage 10.5-10.8 -> 8.1-8.3 s, CPU 57.9-61.6 -> 54.4-55.9 s, peak RSS unchanged.
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, version);
    refreshSignatures(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    if (isSqliteError(error) && /^SQLITE_(?:NOTADB|CORRUPT|BUSY|LOCKED)/.test(error.code)) throw refusal(path, error);
    if (isSqliteError(error) && /^SQLITE_(?:READONLY|CANTOPEN|PERM)/.test(error.code))
      throw new DatabaseError(
        path,
        `cannot be written (${error.message}). Nothing was changed. Make it writable or pass another --db FILE.`,
      );
    throw error;
  }
}

/**
 * Why SQLite could not write this database, or null. WAL needs the file and, unless its -wal and
 * -shm files are already there, the folder (to create them): either one read-only is enough.
 */
function whyUnwritable(path: string): string | null {
  const denied = (target: string) => {
    try {
      accessSync(target, fsConstants.W_OK);
      return false;
    } catch {
      return true;
    }
  };
  if (denied(path)) return 'the file is read-only';
  const sidecarsThere = existsSync(`${path}-wal`) && existsSync(`${path}-shm`);
  if (!sidecarsThere && denied(dirname(path)))
    return `its folder ${dirname(path)} is read-only (SQLite must create ${path}-wal there)`;
  return null;
}

/**
 * A database this process cannot write, read from a copy in memory: SQLite's own read-only mode
 * would need to create the -wal and -shm files beside it (impossible in a read-only folder, and
 * left behind in a writable one). What a -wal holds that is not yet in the file is read too, when
 * SQLite can open the file read-only with it; the copy is then migrated in memory if it is older.
 */
function openSnapshot(path: string): Db {
  let db: Db;
  try {
    let bytes: Buffer;
    if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
      const live = new Database(path, { readonly: true, fileMustExist: true });
      try {
        bytes = live.serialize();
      } finally {
        live.close();
      }
    } else bytes = readFileSync(path);
    // Bytes 18-19 say WAL (2); an in-memory copy has no -wal to read, so it is marked a rollback-journal file.
    if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
    db = new Database(bytes);
  } catch (error) {
    if (isSqliteError(error)) throw refusal(path, error);
    throw new DatabaseError(
      path,
      `cannot read the database file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  try {
    const version = checkOwnership(db, path);
    db.pragma('foreign_keys = ON');
    migrate(db, path, version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const isSqliteError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && /^SQLITE_/.test(String((error as Error & { code?: unknown }).code));

/** The refusals, read-only: not a file, not SQLite, someone else's, a newer schema, unreadable. */
function inspectExisting(path: string, probe: boolean) {
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
    throw new DatabaseError(
      path,
      `cannot read the database file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000')
    throw new DatabaseError(
      path,
      'is not a datledger database (not a SQLite file); it was left untouched. Pass another --db FILE.',
    );
  if (!probe) return;
  let connection: Db | null = null;
  try {
    connection = new Database(path, { readonly: true, fileMustExist: true });
    connection.pragma('busy_timeout = 10000');
    checkOwnership(connection, path);
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw refusal(path, error as Error);
  } finally {
    connection?.close();
  }
}

/** One line for a database SQLite could not open or read: locked by another process, or damaged. */
function refusal(path: string, error: Error): DatabaseError {
  if (isSqliteError(error) && /^SQLITE_(?:BUSY|LOCKED)/.test(error.code))
    return new DatabaseError(
      path,
      `is locked by another process for longer than the 10 s busy timeout (${error.message}); ` +
        'try again when it is done.',
    );
  return new DatabaseError(
    path,
    `is not a usable SQLite database (${error.message}); it was left untouched. Pass another --db FILE.`,
  );
}

/** Throws unless the database is empty or ours at a schema this datledger knows; returns that schema version. */
function checkOwnership(db: Db, path: string): number {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTables =
    (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
  if (hasTables && applicationId !== APPLICATION_ID)
    throw new DatabaseError(
      path,
      'is a SQLite database of another program; it was left untouched. Pass another --db FILE.',
    );
  if (version > MIGRATIONS.length)
    throw new DatabaseError(
      path,
      `was written by a newer datledger (schema ${version}, this one knows ${MIGRATIONS.length}); ` +
        'upgrade datledger. The file was left untouched.',
    );
  return version;
}

function migrate(db: Db, path: string, from: number) {
  if (from === MIGRATIONS.length) return;
  db.transaction(() => {
    // Re-read under the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length)
      throw new DatabaseError(
        path,
        `was written by a newer datledger (schema ${current}, this one knows ${MIGRATIONS.length}); ` +
          'upgrade datledger. The file was left untouched.',
      );
    for (let version = current; version < MIGRATIONS.length; version++) {
      const step = MIGRATIONS[version];
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
