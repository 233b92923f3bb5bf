import type { Draft, TransactionSite } from './site.js';

/**
 * Holdings before and after: a holdings finding in the transaction's clause, or in a later clause
 * no other transaction opens ("added 2,500 BTC; stack now 717,310 BTC").
 */
export function resolveHoldings(site: TransactionSite, draft: Draft): void {
  const { anchor, anchors } = site;
  for (const finding of site.holdings) {
    const at = site.placed.find((item) => item.chunk === finding.quantity)?.at ?? -1;
    const laterClause = at >= site.tailEnd && !anchors.some((other) => other.start > anchor.start && other.start < at);
    if (at < site.subjectStart || (at >= site.tailEnd && !laterClause)) continue;
    const evidence = site.chunkEvidence({ chunk: finding.quantity, at }, finding.rule);
    if (finding.role === 'before' && !draft.holdingsBeforeText) [draft.holdingsBeforeText, draft.provenance.holdings_before] = [finding.text, [evidence]];
    if (finding.role === 'after' && !draft.holdingsAfterText) [draft.holdingsAfterText, draft.provenance.holdings_after] = [finding.text, [evidence]];
  }
}
