import { EXIT, openRepository } from '../common.js';

export async function statsCommand(options: { db?: string; json?: boolean }): Promise<number> {
  const repository = openRepository(options.db, 'read');
  try {
    const counts = repository.counts();
    const failures = repository.failures(20);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...counts, recentFailures: failures }, null, 2)}\n`);
      return EXIT.ok;
    }
    process.stdout.write(
      `documents: ${counts.documents}\n  with no transaction: ${counts.documentsWithoutMentions} (datledger documents --quiet lists them, with why)\n` +
        `mentions: ${counts.mentions}\nevents: ${counts.events}\nopen conflicts: ${counts.conflicts}\nreview decisions: ${counts.decisions}\n` +
        `failed inputs: ${counts.failures} (inputs whose last ingest failed)\n`,
    );
    if (failures.length) {
      process.stdout.write('\nrecent failures:\n');
      for (const failure of failures) process.stdout.write(`  ${failure.failedAt.slice(0, 19)}  ${failure.input}: ${failure.reason}\n`);
    }
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
