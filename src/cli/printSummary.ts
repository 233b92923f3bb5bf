import type { IngestSummary } from '../pipeline.js';

export function printSummary(summary: IngestSummary, out: NodeJS.WritableStream = process.stdout) {
  for (const failure of summary.failed) process.stderr.write(`datledger: skipped ${failure.input}: ${failure.reason}\n`);
  out.write(
    `articles ingested: ${summary.articles}${summary.alreadyKnown ? ` (${summary.alreadyKnown} already known, skipped)` : ''}\n` +
      (summary.redated ? `publication dates set on known articles: ${summary.redated}\n` : '') +
      `mentions extracted: ${summary.mentions}\n` +
      `events in ledger: ${summary.events}\n` +
      `open conflicts: ${summary.openConflicts}\n` +
      `failed inputs: ${summary.failed.length}\n`,
  );
}
