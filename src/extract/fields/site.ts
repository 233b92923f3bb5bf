import type { Rulebook } from '../../rulebook/compile.js';
import type { Zone } from '../../schema/document.js';
import type { Evidence, Mention } from '../../schema/mention.js';
import type { Anchor, HoldingsFinding } from '../anchors.js';
import type { TaggedSentence } from '../chunks.js';
import type { PlacedChunk } from '../clauses.js';
import type { ReadingContext } from '../context.js';
import type { PageOrganizations } from '../organizations.js';

/**
 * Where one transaction is told: its anchor in a tagged sentence, the clause around it, and what
 * the reader knows at that point. Every field resolver reads this and nothing else.
 */
export interface TransactionSite {
  rulebook: Rulebook;
  sentence: TaggedSentence;
  placed: PlacedChunk[];
  anchors: Anchor[];
  anchor: Anchor;
  holdings: HoldingsFinding[];
  context: ReadingContext;
  organizations: PageOrganizations;
  zone: Zone;
  /** offset of the sentence in the article text */
  base: number;
  /** the clause: from its subject (tagged offset) to its tail's end */
  subjectStart: number;
  tailEnd: number;
  /** where the first member of a quantity list ("602 and 431 bitcoin") starts: the subject ends there */
  subjectEnd: number;
  /** the subject after the last company or pronoun: who acts, if not the company */
  subjectTail: string;
  /** the company given to the figure this one continues ("..., down from 569 bitcoin") */
  parentCompany?: { company: string; evidence: Evidence };
  anchorEvidence: Evidence;
  evidenceOf(start: number, end: number, rule: string): Evidence;
  chunkEvidence(item: PlacedChunk, rule: string): Evidence;
}

/** The fields of a mention a resolver fills, with the evidence for each (by mention field name). */
export type Draft = Pick<
  Mention,
  | 'company'
  | 'ticker'
  | 'unitPriceText'
  | 'totalText'
  | 'holdingsBeforeText'
  | 'holdingsAfterText'
  | 'purposes'
  | 'dateTexts'
  | 'contextYear'
  | 'status'
> & {
  provenance: Record<string, Evidence[]>;
};
