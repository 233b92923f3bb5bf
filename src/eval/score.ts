import { analyzeDocument } from '../analyze.js';
import { readArticleFile } from '../ingest/files.js';
import { reconcile } from '../reconcile/index.js';
import type { Rulebook } from '../rulebook/compile.js';
import type { TransactionMention } from '../schema/mention.js';
import { loadGold } from './gold.js';
import { FIELDS, fieldAgreement, matchEvents, type Field } from './match.js';

export interface GoldScore {
  dir: string;
  cases: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  fields: Record<Field, { right: number; total: number; accuracy: number }>;
  missed: string[];
  spurious: string[];
  fieldErrors: string[];
  dedup: { precision: number; recall: number; goldPairs: number; predictedPairs: number; errors: string[] } | null;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const describe = (e: { company: string; action: string; quantity: number; asset: string }) => `${e.company} ${e.action} ${e.quantity} ${e.asset}`;

/** Scores extraction over one gold folder: each article alone, then all of them reconciled together. */
export function scoreGold(dir: string, rulebook: Rulebook): GoldScore {
  const cases = loadGold(dir);
  const score: GoldScore = { dir, cases: cases.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, f1: 0, fields: Object.fromEntries(FIELDS.map((f) => [f, { right: 0, total: 0, accuracy: 0 }])) as GoldScore['fields'], missed: [], spurious: [], fieldErrors: [], dedup: null };
  const allMentions: TransactionMention[] = [];
  const matchedKeys: { eventKey: string | null; mentionKeys: string[]; caseId: string; label: string }[] = [];

  for (const gold of cases) {
    const raw = readArticleFile(gold.articlePath);
    if ('reason' in raw) {
      score.missed.push(`${gold.id}: article unreadable (${raw.reason})`);
      continue;
    }
    if (gold.published) raw.publishedHint = gold.published;
    const analyzed = analyzeDocument(raw, rulebook);
    allMentions.push(...analyzed.mentions);
    const { pairs, missed, spurious } = matchEvents(reconcile(analyzed.mentions), gold.events);
    score.truePositives += pairs.length;
    score.falseNegatives += missed.length;
    score.falsePositives += spurious.length;
    for (const event of missed) score.missed.push(`${gold.id}: ${describe(event)} ("${event.evidence ?? ''}")`);
    for (const event of spurious) score.spurious.push(`${gold.id}: ${describe(event)} ("${analyzed.mentions.find((m) => m.key === event.mentionKeys[0])?.evidence ?? ''}")`);
    for (const [event, expected] of pairs) {
      matchedKeys.push({ eventKey: expected.event_key ?? null, mentionKeys: event.mentionKeys, caseId: gold.id, label: `${gold.id}: ${describe(expected)} ${expected.date ?? ''}` });
      const agreement = fieldAgreement(event, expected);
      for (const field of FIELDS) {
        score.fields[field].total++;
        if (agreement[field]) score.fields[field].right++;
        else score.fieldErrors.push(`${gold.id}: ${describe(expected)} ${field}: got ${fieldValue(event, field)}, expected ${goldValue(expected, field)}`);
      }
    }
  }
  score.precision = ratio(score.truePositives, score.truePositives + score.falsePositives);
  score.recall = ratio(score.truePositives, score.truePositives + score.falseNegatives);
  score.f1 = score.precision + score.recall === 0 ? 0 : Math.round(((2 * score.precision * score.recall) / (score.precision + score.recall)) * 1000) / 1000;
  for (const field of FIELDS) score.fields[field].accuracy = ratio(score.fields[field].right, score.fields[field].total);
  if (matchedKeys.some((entry) => entry.eventKey)) score.dedup = pairwiseDedup(allMentions, matchedKeys);
  return score;
}

/** Pairwise precision and recall of "these two reports are one transaction" across articles. */
function pairwiseDedup(mentions: TransactionMention[], matched: { eventKey: string | null; mentionKeys: string[]; caseId: string; label: string }[]) {
  const errors: string[] = [];
  const eventOf = new Map<string, string>();
  for (const event of reconcile(mentions)) for (const key of event.mentionKeys) eventOf.set(key, event.id);
  let goldPairs = 0;
  let predictedPairs = 0;
  let both = 0;
  for (let i = 0; i < matched.length; i++) {
    for (let j = i + 1; j < matched.length; j++) {
      const [a, b] = [matched[i], matched[j]];
      if (a.caseId === b.caseId) continue;
      const goldSame = a.eventKey !== null && a.eventKey === b.eventKey;
      const predictedSame = eventOf.get(a.mentionKeys[0]) === eventOf.get(b.mentionKeys[0]);
      if (goldSame) goldPairs++;
      if (predictedSame) predictedPairs++;
      if (goldSame && predictedSame) both++;
      else if (goldSame) errors.push(`not merged: ${a.label} | ${b.label}`);
      else if (predictedSame) errors.push(`wrongly merged: ${a.label} | ${b.label}`);
    }
  }
  return { precision: ratio(both, predictedPairs), recall: ratio(both, goldPairs), goldPairs, predictedPairs, errors };
}

function fieldValue(event: ReturnType<typeof reconcile>[number], field: Field): string {
  const values: Record<Field, unknown> = { ticker: event.ticker, quantity: event.quantity, unit_price: event.unitPriceUsd, total: event.totalUsd, purpose: event.purpose.join(';'), date: `${event.date}${event.dateEnd ? `..${event.dateEnd}` : ''}`, holdings: `${event.holdingsBefore}->${event.holdingsAfter}`, status: event.status };
  return String(values[field]);
}

function goldValue(event: import('./gold.js').GoldEvent, field: Field): string {
  const values: Record<Field, unknown> = { ticker: event.ticker, quantity: event.quantity, unit_price: event.unit_price_usd, total: event.total_usd, purpose: event.purpose.join(';'), date: `${event.date}${event.date_end ? `..${event.date_end}` : ''}`, holdings: `${event.holdings_before ?? null}->${event.holdings_after ?? null}`, status: event.status };
  return String(values[field] ?? null);
}
