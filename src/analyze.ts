import { cleanDocument } from './clean/index.js';
import { extractMentions } from './extract/index.js';
import { quietReason, type QuietReason } from './extract/quietReason.js';
import { documentReference, normalizeMention, type DocumentFacts } from './normalize/index.js';
import { numericOrderOf } from './normalize/dates.js';
import { signature } from './origins/minhash.js';
import type { Rulebook } from './rulebook/compile.js';
import type { Article, RawDocument } from './schema/document.js';
import type { TransactionMention } from './schema/mention.js';

export interface AnalyzedDocument {
  raw: RawDocument;
  article: Article;
  mentions: TransactionMention[];
  signature: Uint32Array;
  /** Why the page yielded no transaction (null when it yielded some); `datledger documents` shows it. */
  quiet: QuietReason | null;
  /** Mentions normalize refused, each in words (none, most of the time). */
  warnings: string[];
}

/** Optional per-step timing (`--timings`): milliseconds accumulated into whichever object is passed. */
export interface AnalyzeTimings {
  clean?: number;
  extract?: number;
  normalize?: number;
  minhash?: number;
}

/** A company's own release or filing: the strongest source there is about its own transactions. */
const COMPANY_RELEASE =
  /\b(?:today announced|forward-looking statements|investor relations contact|media contact|form 8-k|current report on form)\b/i;

/**
 * The pure part of the pipeline for one document: clean -> extract -> normalize. No I/O, so it
 * runs the same in the main thread or a worker. The origin is filled in by the caller, who can
 * see earlier documents.
 */
export function analyzeDocument(raw: RawDocument, rulebook: Rulebook, timings?: AnalyzeTimings): AnalyzedDocument {
  let clock = timings ? performance.now() : 0;
  const lap = (step: keyof AnalyzeTimings) => {
    if (!timings) return;
    const now = performance.now();
    timings[step] = (timings[step] ?? 0) + now - clock;
    clock = now;
  };
  const article = cleanDocument(
    raw,
    rulebook.files.assets.map((asset) => asset.symbol),
  );
  lap('clean');
  const extracted = extractMentions(article, rulebook);
  lap('extract');
  const mentions: TransactionMention[] = [];
  const warnings: string[] = [];
  if (extracted.length > 0) {
    // Facts about the whole page, needed only to normalise what was found on it.
    const facts: DocumentFacts = {
      origin: raw.contentHash.slice(0, 16),
      sourceRank: COMPANY_RELEASE.test(article.text) ? 3 : 1,
      reference: documentReference(article.published, article.text, rulebook),
      numericOrder: numericOrderOf(article.text),
    };
    for (const mention of extracted) {
      const normalized = normalizeMention(mention, article, facts, rulebook, warnings);
      if (normalized) mentions.push(normalized);
    }
  }
  const quiet = mentions.length === 0 ? quietReason(article.lines, rulebook, extracted) : null;
  lap('normalize');
  const minhash = signature(article.text);
  lap('minhash');
  return { raw, article, mentions, signature: minhash, quiet, warnings };
}
