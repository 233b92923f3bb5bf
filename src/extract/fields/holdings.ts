import type { Action } from '../../schema/mention.js';
import type { Draft, TransactionSite } from './site.js';

/** Actions that add coins to the holdings; the others take them away. */
const ADDS = new Set<Action | null>(['buy', 'mine']);

/**
 * Holdings before and after: a holdings finding in the transaction's clause, or in a later clause
 * no other transaction opens ("added 2,500 BTC; stack now 717,310 BTC").
 */
export function resolveHoldings(site: TransactionSite, draft: Draft): void {
  const { anchor, anchors } = site;
  for (const finding of site.holdings) {
    const at = site.placed.find((item) => item.chunk === finding.quantity)?.at ?? -1;
    // A later clause speaks of this transaction when no other opens between them, or when those
    // between move coins the same way and are joined to it by a bare "and" ("bought 2,065 BTC and
    // mined a further 457 BTC, taking its holdings to 4,893 BTC": the total after both). Not
    // "mined 140 BTC and sold 120 BTC, leaving 1,900 BTC" (the sale came after the mining) nor
    // "sold 900 ETH in May, and in June sold 700 ETH more, leaving ..." (a clause of its own).
    const between = anchors.filter((other) => other.start > anchor.start && other.start < at);
    const coordinated = between.every(
      (other) =>
        ADDS.has(other.action) === ADDS.has(anchor.action) &&
        /^[^;.,]*\band\b/.test(site.sentence.tagged.slice(anchor.end, other.start)),
    );
    const laterClause = at >= site.tailEnd && (between.length === 0 || coordinated);
    if (at < site.subjectStart || (at >= site.tailEnd && !laterClause)) continue;
    const evidence = site.chunkEvidence({ chunk: finding.quantity, at }, finding.rule);
    if (finding.role === 'before' && !draft.holdingsBeforeText)
      [draft.holdingsBeforeText, draft.provenance.holdings_before] = [finding.text, [evidence]];
    if (finding.role === 'after' && !draft.holdingsAfterText)
      [draft.holdingsAfterText, draft.provenance.holdings_after] = [finding.text, [evidence]];
  }
}
