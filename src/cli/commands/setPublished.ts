import { badDateReason } from '../../ingest/statedDate.js';
import { EXIT, openRepository, UsageError } from '../common.js';

/**
 * Sets or corrects the publication date of stored documents: their mentions' dates are read
 * again against it and the events they belong to are reconciled again, in one transaction.
 */
export async function setPublishedCommand(reference: string, date: string, options: { db?: string }): Promise<number> {
  const why = badDateReason(date);
  if (why) throw new UsageError(`set-published ${date}: ${why}`);
  // Only reconciliation is needed: the analyzer (cheerio, compromise) is not loaded.
  (await import('../../parallel/lazy.js')).analyzerLoading.deferred = true;
  const { Pipeline } = await import('../../pipeline.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { republishDocument } = await import('../../republish.js');
  const { describePublishedSource } = await import('../publishedSource.js');
  const repository = openRepository(options.db, 'write');
  try {
    const documents = repository.documentsByReference(reference);
    if (documents.length === 0) throw new UsageError(`no stored document ${reference}: give the source as it was ingested (the path or URL), a document id, or the start of a mention key (see datledger export --level mentions)`);
    const sources = [...new Set(documents.map((document) => document.source))];
    if (sources.length > 1) throw new UsageError(`${reference} names documents of ${sources.length} sources (${sources.slice(0, 5).join(', ')}${sources.length > 5 ? ', ...' : ''}); give more of the key, or the source`);
    const pipeline = new Pipeline(repository, defaultRulebook());
    const results = repository.transaction(() => {
      const done = documents.map((document) => republishDocument(repository, document, date.trim(), 'set'));
      pipeline.reconcileBlocks(new Set(done.flatMap((result) => [...result.blocks])));
      return done;
    });
    for (const { document, before, redated, mentions, blocks } of results) {
      const was = before.published ? `was ${before.published} (${describePublishedSource(before.source, document.source)})` : 'had no publication date';
      process.stdout.write(`document ${document.id} ${document.source}: published ${date.trim()} (set-published), ${was}; ${redated} of ${mentions} mention(s) re-dated, ${blocks.size} block(s) of events reconciled again\n`);
    }
    const counts = repository.counts();
    process.stdout.write(`events in ledger: ${counts.events}\nopen conflicts: ${counts.conflicts}\n`);
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
