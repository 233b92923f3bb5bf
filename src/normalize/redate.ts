import type { DateText, TransactionMention } from '../schema/mention.js';
import type { DateReference, NumericOrder } from './dates.js';
import { mentionDate } from './index.js';

/** The rules a date resolution adds to a mention: replaced, not added to, when it is read again. */
const DATE_RESOLUTION_RULE = /^date\.(?:resolved-(?:day|month|year)|publication)$/;

/**
 * The date phrases a stored mention was resolved from. Mentions stored before they were kept
 * have them back from their date evidence (a clause's date, a date near a disclosure verb) and,
 * for a section's year, from the year it resolved to.
 */
function dateTextsOf(mention: TransactionMention): DateText[] {
  if (mention.dateTexts) return mention.dateTexts;
  const texts: DateText[] = [];
  for (const evidence of mention.provenance.date ?? []) {
    if (evidence.rule === 'date.in-clause')
      texts.push({ text: evidence.text, kind: 'executed', start: evidence.start });
    else if (evidence.rule === 'date.announced-near-disclosure')
      texts.push({ text: evidence.text, kind: 'announced', start: evidence.start });
  }
  if (texts.length === 0 && mention.dateKind === 'context' && mention.date)
    texts.push({ text: mention.date, kind: 'context', start: mention.sentenceStart });
  return texts;
}

/**
 * A stored mention read again against a new publication date (`set-published`): its date
 * phrases resolve against the new day, and a transaction told without a date takes it. With no
 * publication date, `reference` is what the page's text establishes (normalize documentReference).
 * Nothing else about the mention changes: its key, company, figures and evidence stay, so review
 * decisions keyed by it still apply.
 */
export function redateMention(
  mention: TransactionMention,
  published: string | null,
  numericOrder: NumericOrder | null,
  reference: DateReference | null = published ? { date: published, basis: 'published' } : null,
): TransactionMention {
  const inputs = {
    dateTexts: dateTextsOf(mention),
    contextYear: mention.contextYear ?? null,
    zone: mention.zone,
    provenance: mention.provenance,
    sentenceStart: mention.sentenceStart,
  };
  const { date, publicationEvidence } = mentionDate(inputs, reference, numericOrder);
  const provenance = structuredClone(mention.provenance);
  const dateEvidence = (provenance.date ?? []).filter((evidence) => evidence.rule !== 'date.publication');
  if (publicationEvidence) dateEvidence.push(publicationEvidence);
  if (dateEvidence.length > 0) provenance.date = dateEvidence;
  else delete provenance.date;
  const rules = mention.rules.filter((rule) => !DATE_RESOLUTION_RULE.test(rule));
  if (publicationEvidence) rules.push(publicationEvidence.rule);
  if (date) rules.push(`date.resolved-${date.precision}`);
  return {
    ...mention,
    published,
    date: date?.date ?? null,
    dateEnd: date?.dateEnd ?? null,
    dateKind: date?.kind ?? null,
    provenance,
    rules,
  };
}
