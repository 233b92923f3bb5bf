import { resolve } from 'node:path';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

/**
 * Removes stored documents (a page ingested by mistake) with their mentions, and reconciles again
 * what they touched. Every input is checked before anything is removed: a typo in the second
 * removes none. Review decisions stay (durable; they apply again if the same reports come back).
 */
export async function forgetCommand(inputs: string[], options: { db?: string }, io: CliIo): Promise<number> {
  if (inputs.length === 0)
    throw new UsageError('nothing to forget: give a source as stored or a document id (see datledger documents)');
  return withRepository(options.db, 'write', async (repository) => {
    const targets = inputs.map((input) => {
      const ids = repository.documentIds(input, (stored) => resolve(stored) === resolve(input));
      if (ids.length === 0)
        throw new UsageError(
          `${input}: no stored document has this source or id; nothing was forgotten (datledger documents lists them)`,
        );
      return { input, ids };
    });
    // Reconciling needs neither the rulebook nor the analyzer (compromise, cheerio).
    const { StoredReconciler } = await import('../../ledger/reconcileStored.js');
    const reconciler = new StoredReconciler(repository);
    const eventsBefore = repository.counts().events;
    const removed = repository.transaction(() => {
      const results = targets.map((target) => ({ ...target, ...repository.deleteDocuments(target.ids) }));
      reconciler.reconcileBlocks(new Set(results.flatMap((result) => result.blocks)));
      return results;
    });
    for (const result of removed) {
      io.stdout.write(
        `forgot ${result.input}: ${result.ids.length} document(s), ${result.mentions} mention(s)` +
          `${result.blocks.length ? `; ${result.blocks.length} block(s) reconciled again` : ''}\n`,
      );
    }
    const eventsAfter = repository.counts().events;
    io.stdout.write(`events in ledger: ${eventsAfter} (was ${eventsBefore})\n`);
    return EXIT.ok;
  });
}
