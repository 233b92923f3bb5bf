import type { IngestSummary } from '../pipeline.js';
import type { CliIo } from './io.js';

export function printSummary(summary: IngestSummary, io: CliIo) {
  for (const failure of summary.failed) io.stderr.write(`datledger: skipped ${failure.input}: ${failure.reason}\n`);
  io.stdout.write(
    `articles ingested: ${summary.articles}` +
      (summary.alreadyKnown ? ` (${summary.alreadyKnown} already known, skipped)` : '') +
      '\n' +
      (summary.redated ? `publication dates set on known articles: ${summary.redated}\n` : '') +
      `mentions extracted: ${summary.mentions}\n` +
      `events in ledger: ${summary.events}\n` +
      `open conflicts: ${summary.openConflicts}\n` +
      `failed inputs: ${summary.failed.length}\n`,
  );
}
