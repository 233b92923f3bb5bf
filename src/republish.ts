import { numericOrderOf } from './normalize/dates.js';
import { documentReference } from './normalize/index.js';
import { redateMention } from './normalize/redate.js';
import { blockKey } from './schema/block.js';
import type { Rulebook } from './rulebook/compile.js';
import type { PublishedSource, RawDocument } from './schema/document.js';
import type { Repository, StoredDocumentRow } from './store/index.js';

/**
 * How strongly each source states a publication date; a date replaces a stored one only from a source at
 * least as strong.
 */
export const PUBLISHED_PRECEDENCE: Record<PublishedSource, number> = {
  // The set-published command is the user correcting the ledger: nothing read later overrules it.
  set: 5,
  // Stated for this one page: its sidecar, paste --published.
  sidecar: 4,
  option: 4,
  // Found on the page itself.
  'json-ld': 3,
  meta: 3,
  time: 3,
  url: 3,
  canonical: 3,
  label: 3,
  dateline: 3,
  byline: 3,
  text: 3,
  // Typed once for a batch of pages: for the ones that show none.
  batch: 2,
  // An update date is not a publication date: used only when nothing else dates the page.
  updated: 1,
  none: 0,
};

/** What a document's date was before, and what re-reading its mentions changed. */
export interface Republished {
  document: StoredDocumentRow;
  before: { published: string | null; source: string };
  /** mentions whose date (or date's kind) changed */
  redated: number;
  mentions: number;
  /** blocks (company, asset, action) whose events must be reconciled again */
  blocks: Set<string>;
}

/**
 * Sets a stored document's publication date and re-reads its mentions' dates against it, exactly
 * as an ingest with that date would have read them (normalize/redate.ts). The caller reconciles
 * the blocks returned, in the same transaction. The page's own date stays recorded beside it.
 */
export function republishDocument(
  repository: Repository,
  document: StoredDocumentRow,
  published: string | null,
  source: PublishedSource,
  rulebook: Rulebook,
): Republished {
  // The stored text is the cleaned text normalize read the page's numeric date order (and, with no
  // publication date, its reference) from.
  const text = repository.documentText(document.id) ?? '';
  const numericOrder = numericOrderOf(text);
  const reference = documentReference(published, text, rulebook);
  const blocks = new Set<string>();
  let redated = 0;
  const mentions = repository.mentionsOfDocument(document.id);
  for (const mention of mentions) {
    const next = redateMention(mention, published, numericOrder, reference);
    if (next.date !== mention.date || next.dateEnd !== mention.dateEnd || next.dateKind !== mention.dateKind) redated++;
    repository.replaceMention(next);
    blocks.add(blockKey(mention));
  }
  repository.setDocumentPublished(document.id, published, source);
  return {
    document,
    before: { published: document.published, source: document.published_source },
    redated,
    mentions: mentions.length,
    blocks,
  };
}

/**
 * The date the page itself shows, to go back to after a stated one (`set-published DOCUMENT page`):
 * a date and its source, { published: null, source: 'none' } when it shows none, or null when it was
 * not recorded (a page stored with a stated date before datledger kept the page's own).
 */
export function pageDate(document: StoredDocumentRow): { published: string | null; source: PublishedSource } | null {
  if (document.page_published_source === null) return null;
  return { published: document.page_published, source: document.page_published_source as PublishedSource };
}

/**
 * The date a page ingested again states for its stored document, when it should replace the
 * stored one: a sidecar added or corrected since, or a batch --published for a page that shows no
 * date. Never over a stronger source (set-published, or the page's own date over a batch's).
 */
export function restatedDate(
  stored: StoredDocumentRow,
  raw: RawDocument,
): { date: string; source: PublishedSource } | null {
  const pageShowsDate = stored.page_published !== null && stored.page_published_source !== 'updated';
  const stated = raw.publishedHint
    ? { date: raw.publishedHint, source: raw.publishedHintSource ?? 'option' }
    : raw.publishedFallback && !pageShowsDate
      ? { date: raw.publishedFallback, source: 'batch' as const }
      : null;
  if (!stated || stated.date === stored.published) return null;
  const storedRank = PUBLISHED_PRECEDENCE[stored.published_source as PublishedSource] ?? 0;
  return PUBLISHED_PRECEDENCE[stated.source] >= storedRank ? stated : null;
}
