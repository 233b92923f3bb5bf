import type { Draft, TransactionSite } from './site.js';

/**
 * What the transaction was for: a purpose its verb carries ("accumulated": a reserve), and the
 * purpose cues of rules/purposes.yaml in its own clause. A figure named for a second action ("sold
 * all 520 BTC it mined ..., using the proceeds to fund ...") takes none: the money went with the sale.
 * Which purposes an action can have is decided once, in normalize.
 */
export function resolvePurposes(site: TransactionSite, draft: Draft): void {
  const { sentence, anchor, rulebook, base } = site;
  const implied = rulebook.purposeByVerb.get(anchor.word.toLowerCase());
  if (implied) {
    draft.purposes.push(implied);
    (draft.provenance.purpose ??= []).push({ ...site.anchorEvidence, rule: 'purpose.implied-by-verb' });
  }
  if (anchor.secondary) return;
  const from = sentence.toOriginal(anchor.start);
  const clauseText = sentence.text.slice(from, sentence.toOriginal(site.tailEnd));
  for (const cue of rulebook.purposeCues) {
    const match = cue.regex.exec(clauseText);
    if (!match) continue;
    if (!draft.purposes.includes(cue.category)) draft.purposes.push(cue.category);
    const start = base + from + match.index;
    (draft.provenance.purpose ??= []).push({ text: match[0], start, end: start + match[0].length, rule: cue.id });
  }
}
