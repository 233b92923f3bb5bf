import { DatabaseError, defaultDatabasePath, openDatabase, Repository, type DatabaseAccess } from '../store/index.js';
import { RuleFileError } from '../rulebook/load.js';
import type { CliIo } from './io.js';

export const EXIT = { ok: 0, someInputsFailed: 1, usage: 2 } as const;

/** A problem the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** The database of --db (else $DATLEDGER_DB, else ./datledger.db); only 'create' makes a missing one. */
export function openRepository(path: string | undefined, access: DatabaseAccess): Repository {
  return new Repository(openDatabase(path ?? defaultDatabasePath(), access));
}

/** Opens the database of --db for `access`, hands it to `use`, and closes it whatever happens. */
export async function withRepository<T>(
  path: string | undefined,
  access: DatabaseAccess,
  use: (repository: Repository) => T | Promise<T>,
): Promise<T> {
  const repository = openRepository(path, access);
  try {
    return await use(repository);
  } finally {
    repository.db.close();
  }
}

/** Runs a command, turning known failures into one clear line and the right exit code. */
export async function runCommand(action: () => Promise<number> | number, io: CliIo): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UsageError || error instanceof DatabaseError || error instanceof RuleFileError) {
      io.stderr.write(`datledger: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
