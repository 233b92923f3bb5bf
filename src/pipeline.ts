/**
 * The whole flow, in order:
 *
 *   ingest     paths, URLs, stdin        -> RawDocument      (src/ingest)
 *   clean      RawDocument               -> Article          (src/clean)
 *   extract    Article                   -> Mention[]        (src/extract, rules/ as data)
 *   normalize  Mention                   -> TransactionMention (src/normalize)
 *   store      documents and mentions    -> SQLite           (src/store)
 *   reconcile  the blocks they touch     -> LedgerEvent[]    (src/reconcile)
 *   store      events and open conflicts -> SQLite
 *
 * clean, extract, normalize and reconcile are pure; only ingest and store touch the outside.
 */
import { analyzeDocument, type AnalyzedDocument } from './analyze.js';
import { readArticleFile, walkInputs, type InputFailure } from './ingest/files.js';
import { bandKeys, NEAR_DUPLICATE, similarity, signature } from './reconcile/minhash.js';
import { blockKey, reconcile } from './reconcile/index.js';
import type { Rulebook } from './rulebook/compile.js';
import type { RawDocument } from './schema/document.js';
import type { Repository } from './store/index.js';

export interface IngestSummary {
  articles: number;
  alreadyKnown: number;
  mentions: number;
  events: number;
  openConflicts: number;
  failed: InputFailure[];
}

export interface IngestProgress { done: number; total: number | null; failed: number; source: string }

/** Documents are written in batches: one transaction each, so a crash loses at most one batch. */
const BATCH_SIZE = 200;

export class Pipeline {
  private readonly signatures = new Map<number, Uint32Array>();

  constructor(private readonly repository: Repository, private readonly rulebook: Rulebook, private readonly onProgress?: (progress: IngestProgress) => void) {}

  /** Files and folders: read, analyse, store in batches, then reconcile the blocks they touched. */
  ingestPaths(paths: string[], options: { maxBytes?: number } = {}): IngestSummary {
    const failed: InputFailure[] = [];
    const documents = (function* () {
      for (const path of walkInputs(paths, failed)) {
        const read = readArticleFile(path, options.maxBytes);
        if ('input' in read) failed.push(read);
        else yield read;
      }
    })();
    return this.ingestDocuments(documents, failed);
  }

  ingestDocuments(documents: Iterable<RawDocument>, failed: InputFailure[] = []): IngestSummary {
    const summary: IngestSummary = { articles: 0, alreadyKnown: 0, mentions: 0, events: 0, openConflicts: 0, failed };
    const touched = new Set<string>();
    let batch: AnalyzedDocument[] = [];
    let done = 0;
    const flush = () => {
      this.repository.transaction(() => {
        for (const document of batch) {
          const origin = this.originOf(document);
          const mentions = document.mentions.map((mention) => ({ ...mention, origin }));
          if (!this.repository.insertDocument(document.raw, document.article, origin, bandKeys(document.signature), mentions)) {
            summary.alreadyKnown++;
            continue;
          }
          summary.articles++;
          if (document.raw.kind === 'url') for (const block of this.repository.retireOlderVersions(document.raw.source, document.raw.contentHash)) touched.add(block);
          summary.mentions += mentions.length;
          for (const mention of mentions) touched.add(blockKey(mention));
        }
      });
      batch = [];
    };
    for (const raw of documents) {
      done++;
      if (this.repository.hasDocument(raw.contentHash)) summary.alreadyKnown++;
      else {
        try {
          batch.push(analyzeDocument(raw, this.rulebook));
        } catch (error) {
          // Extraction must never take a batch down with it; the input is named and the rest goes on.
          failed.push({ input: raw.source, reason: `could not be analysed: ${(error as Error).message}` });
        }
        if (batch.length >= BATCH_SIZE) flush();
      }
      this.onProgress?.({ done, total: null, failed: failed.length, source: raw.source });
    }
    if (batch.length) flush();
    this.repository.transaction(() => {
      for (const failure of failed) this.repository.recordFailure(failure.input, failure.reason);
      this.reconcileBlocks(touched);
    });
    const counts = this.repository.counts();
    summary.events = counts.events;
    summary.openConflicts = counts.conflicts;
    return summary;
  }

  /** Re-reconciles only the blocks given; the result equals a reconcile from scratch of those blocks. */
  reconcileBlocks(blocks: Set<string>) {
    if (blocks.size === 0) return;
    const mentions = this.repository.mentionsOfBlocks(blocks);
    const events = reconcile(mentions, this.repository.decisionsOfBlocks(blocks));
    this.repository.replaceEvents(blocks, events);
  }

  /** Near-identical texts (reprints, syndication) are one origin: they are not independent sources. */
  private originOf(document: AnalyzedDocument): string {
    const own = document.raw.contentHash.slice(0, 16);
    const candidates = this.repository.originsSharingBands(bandKeys(document.signature));
    for (const candidate of candidates) {
      const theirs = this.signatures.get(candidate.id) ?? this.loadSignature(candidate.id);
      if (theirs && similarity(document.signature, theirs) >= NEAR_DUPLICATE) return candidate.origin;
    }
    return own;
  }

  private loadSignature(documentId: number): Uint32Array | null {
    const row = this.repository.db.prepare('SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string } | undefined;
    if (!row) return null;
    const computed = signature(row.text);
    this.signatures.set(documentId, computed);
    return computed;
  }
}
