import type { TransactionMention } from '../schema/mention.js';
import type { DecisionLogEntry, Repository } from '../store/repository.js';
import { candidateLabel } from './candidateLabel.js';
import type { OpenConflict } from './conflicts.js';
import { excerpt, type Excerpt } from './evidence.js';

/** One report backing a candidate: where it appeared, when, and the sentence that says it. */
export interface ReportView {
  source: string;
  kind: SourceKind;
  published: string | null;
  excerpt: Excerpt | null;
}

/**
 * Where a report comes from, as far as the page tells: the company itself, a filing, the press, or another
 * story's headline.
 */
export type SourceKind = 'company release' | 'filing' | 'press' | 'related headline';
const FILING = /\b(?:form (?:8-k|6-k|10-q|10-k)|current report on form|sec filing)\b/i;

export interface CandidateView {
  label: string;
  value: string;
  note: string | null;
  reports: ReportView[];
  moreReports: number;
  mentionKeys: string[];
}

/** Everything the reviewer sees for one conflict, gathered from the store. */
export interface ConflictView {
  conflict: OpenConflict;
  position: number;
  total: number;
  candidates: CandidateView[];
  earlier: DecisionLogEntry | null;
}

/** A candidate backed by many reprints would fill the screen; a few reports make the case. */
const REPORTS_SHOWN = 3;

export function conflictView(
  repository: Repository,
  conflict: OpenConflict,
  position: number,
  total: number,
): ConflictView {
  const mentions = new Map(
    repository.mentionsByKeys(conflict.event.mentionKeys).map((mention) => [mention.key, mention]),
  );
  // Best supported first (independent origins, then reports), so the likely answer is key 1 in a long list.
  const bySupport = [...conflict.resolution.candidates].sort(
    (a, b) => b.origins - a.origins || b.mentionKeys.length - a.mentionKeys.length,
  );
  const candidates = bySupport.map((candidate) => {
    const keys = candidate.mentionKeys.filter((key) => mentions.has(key));
    return {
      label: candidateLabel(candidate),
      value: candidate.value,
      note: candidate.note ?? null,
      reports: keys.slice(0, REPORTS_SHOWN).map((key) => report(repository, mentions.get(key)!, conflict.field)),
      moreReports: Math.max(0, candidate.mentionKeys.length - REPORTS_SHOWN),
      mentionKeys: candidate.mentionKeys,
    };
  });
  return { conflict, position, total, candidates, earlier: earlierDecision(repository, conflict) };
}

function report(repository: Repository, mention: TransactionMention, field: string): ReportView {
  const document = repository.documentOfMention(mention.key);
  const spans = mention.provenance[field] ?? [];
  const kind: SourceKind =
    mention.zone === 'related'
      ? 'related headline'
      : mention.sourceRank === 3
        ? document && FILING.test(document.text)
          ? 'filing'
          : 'company release'
        : 'press';
  return {
    source: mention.source,
    kind,
    published: mention.published ?? document?.published ?? null,
    excerpt: document ? excerpt(document.text, mention.sentenceStart, spans, mention.provenance.action?.[0]) : null,
  };
}

/**
 * A decided field comes back open only when a value arrived that the decision never saw
 * (reconcile/decisions.ts); the reviewer should see what was decided then, and by whom.
 */
export function earlierDecision(repository: Repository, conflict: OpenConflict): DecisionLogEntry | null {
  const keys = new Set(conflict.event.mentionKeys);
  const matching = repository
    .decisionLog()
    .filter(
      (decision) =>
        !decision.undone &&
        decision.blockKey === conflict.event.blockKey &&
        decision.field === conflict.field &&
        decision.mentionKeys.some((key) => keys.has(key)),
    );
  return matching.at(-1) ?? null;
}
