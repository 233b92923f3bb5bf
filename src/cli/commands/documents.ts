import type { StoredDocumentRow } from '../../store/repository.js';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

export interface DocumentsOptions {
  db?: string;
  quiet?: boolean;
  source?: string;
  reason?: string;
  json?: boolean;
}

const REASONS = ['no-action-word', 'no-figure-near-action', 'not-a-transaction', 'no-company'];

/**
 * The stored documents, with what each yielded; --quiet keeps those that yielded no transaction,
 * each with why, so a quiet article can be told from a missed one.
 */
export async function documentsCommand(options: DocumentsOptions, io: CliIo): Promise<number> {
  if (options.reason !== undefined && !REASONS.includes(options.reason))
    throw new UsageError(`--reason ${options.reason}: expected one of ${REASONS.join(', ')}`);
  return withRepository(options.db, 'read', async (repository) => {
    const rows = repository.documents({ quiet: options.quiet, source: options.source, reason: options.reason });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(rows.map(withWhy), null, 2)}\n`);
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.stderr.write(
        options.quiet || options.reason || options.source
          ? 'no stored document matches\n'
          : 'no documents stored yet\n',
      );
      return EXIT.ok;
    }
    const lines = rows.map((row) => {
      const head =
        `${String(row.id).padStart(5)}  ${(row.published ?? 'undated').padEnd(10)} ` +
        `${String(row.mentions).padStart(3)} mention(s) ${String(row.events).padStart(3)} event(s)  ${row.source}`;
      const { why } = withWhy(row);
      return why ? `${head}\n       no transaction: ${why}` : head;
    });
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

/** The reason as one line; documents stored before reasons were kept say so. */
function withWhy(row: StoredDocumentRow): StoredDocumentRow & { why: string | null } {
  if (row.mentions > 0) return { ...row, why: null };
  if (row.quietReason === null)
    return { ...row, why: 'not recorded (ingested by an older datledger; forget it and ingest it again to see why)' };
  return { ...row, why: `${row.quietReason}: ${row.quietDetail}` };
}
