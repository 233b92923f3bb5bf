import { EXIT, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

export async function statsCommand(options: { db?: string; json?: boolean }, io: CliIo): Promise<number> {
  return withRepository(options.db, 'read', async (repository) => {
    const counts = repository.counts();
    const failures = repository.failures(20);
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ ...counts, recentFailures: failures }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(
      `documents: ${counts.documents}\n` +
        `  with no transaction: ${counts.documentsWithoutMentions} (datledger documents --quiet lists them, with why)\n` +
        `mentions: ${counts.mentions}\nevents: ${counts.events}\n` +
        `open conflicts: ${counts.conflicts}\nreview decisions: ${counts.decisions}\n` +
        `failed inputs: ${counts.failures} (inputs whose last ingest failed)\n`,
    );
    if (failures.length) {
      io.stdout.write('\nrecent failures:\n');
      for (const failure of failures)
        io.stdout.write(`  ${failure.failedAt.slice(0, 19)}  ${failure.input}: ${failure.reason}\n`);
    }
    return EXIT.ok;
  });
}
