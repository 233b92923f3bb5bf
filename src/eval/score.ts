import type { Rulebook } from '../rulebook/compile.js';
import { loadGold, type GoldCase, type GoldEvent } from './gold.js';
import { ingestAndExport, type ExportedEvent, type ExportedLedger } from './ledger.js';
import { FIELDS, fieldAgreement, matchEvents, type Field } from './match.js';

export interface GoldScore {
  dir: string;
  /** the ids of the cases scored: floors are keyed by them, not by how the folder was spelled */
  caseIds: string[];
  cases: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  fields: Record<Field, { right: number; total: number; accuracy: number }>;
  /** publication date found on the page against the gold's (null when the page shows none), per case */
  published: { right: number; total: number; accuracy: number; errors: string[] };
  missed: string[];
  spurious: string[];
  fieldErrors: string[];
  dedup: { precision: number; recall: number; goldPairs: number; predictedPairs: number; errors: string[] } | null;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const describe = (e: {
  company: string;
  action: string;
  quantity: number | null;
  asset: string;
  total_usd?: number | null;
  totalUsd?: number | null;
}) => `${e.company} ${e.action} ${e.quantity ?? `$${e.total_usd ?? e.totalUsd ?? '?'} of`} ${e.asset}`;

/**
 * Scores one gold folder through the path a user takes: each article is ingested alone into a
 * fresh ledger and exported (src/eval/ledger.ts), then all of the folder's articles into one
 * ledger for the pairwise dedup across articles. Nothing from the gold reaches the extractor.
 */
export async function scoreGold(dir: string, rulebook: Rulebook): Promise<GoldScore> {
  const cases = loadGold(dir);
  const score: GoldScore = {
    dir,
    caseIds: cases.map((gold) => gold.id),
    cases: cases.length,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    fields: Object.fromEntries(FIELDS.map((f) => [f, { right: 0, total: 0, accuracy: 0 }])) as GoldScore['fields'],
    published: { right: 0, total: 0, accuracy: 0, errors: [] },
    missed: [],
    spurious: [],
    fieldErrors: [],
    dedup: null,
  };
  for (const gold of cases) {
    const ledger = await ingestAndExport([gold.articlePath], rulebook);
    if (ledger.failed.length > 0) {
      score.missed.push(`${gold.id}: article not ingested (${ledger.failed.join('; ')})`);
      score.falseNegatives += gold.events.filter((event) => !event.optional).length;
      continue;
    }
    const found = ledger.documents.get(gold.articlePath) ?? { published: null, publishedSource: 'none' };
    score.published.total++;
    if (found.published === (gold.published ?? null)) score.published.right++;
    else
      score.published.errors.push(
        `${gold.id}: published ${found.published} (from ${found.publishedSource}), expected ${gold.published ?? null}`,
      );

    const { pairs, missed, spurious } = matchEvents(ledger.events, gold.events, rulebook);
    score.truePositives += pairs.length;
    score.falseNegatives += missed.length;
    score.falsePositives += spurious.length;
    for (const event of missed) score.missed.push(`${gold.id}: ${describe(event)} ("${event.evidence ?? ''}")`);
    for (const event of spurious)
      score.spurious.push(`${gold.id}: ${describe(event)} ("${evidenceOf(ledger, event)}")`);
    for (const [event, expected] of pairs) {
      const agreement = fieldAgreement(event, expected);
      for (const field of FIELDS) {
        score.fields[field].total++;
        if (agreement[field]) score.fields[field].right++;
        else
          score.fieldErrors.push(
            `${gold.id}: ${describe(expected)} ${field}: ` +
              `got ${fieldValue(event, field)}, expected ${goldValue(expected, field)}`,
          );
      }
    }
  }
  score.precision = ratio(score.truePositives, score.truePositives + score.falsePositives);
  score.recall = ratio(score.truePositives, score.truePositives + score.falseNegatives);
  score.f1 =
    score.precision + score.recall === 0
      ? 0
      : Math.round(((2 * score.precision * score.recall) / (score.precision + score.recall)) * 1000) / 1000;
  for (const field of FIELDS)
    score.fields[field].accuracy = ratio(score.fields[field].right, score.fields[field].total);
  score.published.accuracy = ratio(score.published.right, score.published.total);
  if (cases.some((gold) => gold.events.some((event) => event.event_key)))
    score.dedup = await pairwiseDedup(cases, rulebook);
  return score;
}

const evidenceOf = (ledger: ExportedLedger, event: ExportedEvent) =>
  ledger.mentions.find((mention) => mention.eventId === event.id)?.evidence ?? '';

/**
 * Pairwise precision and recall of "these two reports are one transaction" across articles, on
 * one ledger holding the whole folder: each gold event is found among the events its own article
 * contributed to, and two gold events of different articles are the same when their events are.
 */
async function pairwiseDedup(cases: GoldCase[], rulebook: Rulebook) {
  const ledger = await ingestAndExport(
    cases.map((gold) => gold.articlePath),
    rulebook,
  );
  const matched: { eventKey: string | null; eventId: string; caseId: string; label: string }[] = [];
  for (const gold of cases) {
    const own = ledger.events.filter((event) => event.sources.includes(gold.articlePath));
    for (const [event, expected] of matchEvents(own, gold.events, rulebook).pairs) {
      matched.push({
        eventKey: expected.event_key ?? null,
        eventId: event.id,
        caseId: gold.id,
        label: `${gold.id}: ${describe(expected)} ${expected.date ?? ''}`,
      });
    }
  }
  const errors: string[] = [];
  let goldPairs = 0;
  let predictedPairs = 0;
  let both = 0;
  for (let i = 0; i < matched.length; i++) {
    for (let j = i + 1; j < matched.length; j++) {
      const [a, b] = [matched[i], matched[j]];
      if (a.caseId === b.caseId) continue;
      const goldSame = a.eventKey !== null && a.eventKey === b.eventKey;
      const predictedSame = a.eventId === b.eventId;
      if (goldSame) goldPairs++;
      if (predictedSame) predictedPairs++;
      if (goldSame && predictedSame) both++;
      else if (goldSame) errors.push(`not merged: ${a.label} | ${b.label}`);
      else if (predictedSame) errors.push(`wrongly merged: ${a.label} | ${b.label}`);
    }
  }
  return { precision: ratio(both, predictedPairs), recall: ratio(both, goldPairs), goldPairs, predictedPairs, errors };
}

function fieldValue(event: ExportedEvent, field: Field): string {
  const values: Record<Field, unknown> = {
    ticker: event.ticker,
    quantity: event.quantity,
    unit_price: event.unitPriceUsd,
    total: event.totalUsd,
    purpose: event.purpose.join(';'),
    date: `${event.date}${event.dateEnd ? `..${event.dateEnd}` : ''}`,
    holdings: `${event.holdingsBefore}->${event.holdingsAfter}`,
    status: event.status,
  };
  return String(values[field]);
}

function goldValue(event: GoldEvent, field: Field): string {
  const values: Record<Field, unknown> = {
    ticker: event.ticker,
    quantity: event.quantity,
    unit_price: event.unit_price_usd,
    total: event.total_usd,
    purpose: event.purpose.join(';'),
    date: `${event.date}${event.date_end ? `..${event.date_end}` : ''}`,
    holdings: `${event.holdings_before ?? null}->${event.holdings_after ?? null}`,
    status: event.status,
  };
  return String(values[field] ?? null);
}
