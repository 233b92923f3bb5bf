import { resolve } from 'node:path';
import { badDateReason } from '../../ingest/statedDate.js';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

/** The date argument that goes back to the date the page itself shows (or none). */
const PAGE = 'page';

/**
 * Sets or corrects the publication date of stored documents: their mentions' dates are read
 * again against it and the events they belong to are reconciled again, in one transaction.
 * `page` instead of a date goes back to what the page itself shows.
 */
export async function setPublishedCommand(
  reference: string,
  date: string,
  options: { db?: string },
  io: CliIo,
): Promise<number> {
  const toPage = date.trim().toLowerCase() === PAGE;
  const why = toPage ? null : badDateReason(date);
  if (why) throw new UsageError(`set-published ${date}: ${why}, or "page" for the date the page itself shows`);
  // Re-dating and reconciling: the analyzer (cheerio, compromise) is not loaded.
  const { StoredReconciler } = await import('../../ledger/reconcileStored.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { pageDate, republishDocument } = await import('../../republish.js');
  const { describePublishedSource } = await import('../publishedSource.js');
  return withRepository(options.db, 'write', async (repository) => {
    const documents = repository.documentsByReference(reference, (stored) => resolve(stored) === resolve(reference));
    if (documents.length === 0)
      throw new UsageError(
        `no stored document ${reference}: give the source as stored (a URL, or a path in any spelling), ` +
          'a document id as datledger documents shows it, or the start of a mention key (export --level mentions)',
      );
    const sources = [...new Set(documents.map((document) => document.source))];
    if (sources.length > 1)
      throw new UsageError(
        `${reference} names documents of ${sources.length} sources ` +
          `(${sources.slice(0, 5).join(', ')}${sources.length > 5 ? ', ...' : ''}); ` +
          'give more of the key, or the source',
      );
    const targets = documents.map((document) => ({
      document,
      to: toPage ? pageDate(document) : { published: date.trim(), source: 'set' as const },
    }));
    const unknown = targets.find((target) => target.to === null);
    if (unknown)
      throw new UsageError(
        `${unknown.document.source}: the date the page itself shows was not recorded ` +
          '(it was stored with a stated date by an older datledger); give a date instead of "page"',
      );
    const rulebook = defaultRulebook();
    const reconciler = new StoredReconciler(repository);
    const results = repository.transaction(() => {
      const done = targets.map(({ document, to }) =>
        republishDocument(repository, document, to!.published, to!.source, rulebook),
      );
      reconciler.reconcileBlocks(new Set(done.flatMap((result) => [...result.blocks])));
      return done.map((result, index) => ({ ...result, to: targets[index].to! }));
    });
    for (const { document, before, redated, mentions, blocks, to } of results) {
      const now = to.published
        ? `published ${to.published} (${describePublishedSource(to.source, document.source)})`
        : 'no publication date (the page shows none)';
      const was = before.published
        ? `was ${before.published} (${describePublishedSource(before.source, document.source)})`
        : 'had none';
      io.stdout.write(
        `document ${document.id} ${document.source}: ${now}, ${was}; ` +
          `${redated} of ${mentions} mention(s) re-dated, ${blocks.size} block(s) of events reconciled again\n`,
      );
    }
    const counts = repository.counts();
    io.stdout.write(`events in ledger: ${counts.events}\nopen conflicts: ${counts.conflicts}\n`);
    return EXIT.ok;
  });
}
