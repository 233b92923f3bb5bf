import { allMatches } from '../../rulebook/regex.js';
import type { PlacedChunk } from '../clauses.js';
import type { Draft, TransactionSite } from './site.js';

/**
 * An amount in another currency followed by its dollar value in parentheses ("for 1 billion yen
 * ($6.7 million)", "€60.2 million ($69 million)"): the dollar value, which the ledger records.
 */
function dollarsBeside(site: TransactionSite, item: PlacedChunk, money: PlacedChunk[]): PlacedChunk {
  const { currencyOf } = site.rulebook.numbers;
  if (currencyOf(item.chunk.text) === 'USD') return item;
  const next = money[money.indexOf(item) + 1];
  const between = next ? site.sentence.tagged.slice(item.at, next.at) : '';
  return next && /^⟦M\d+⟧\s*\(\s*$/.test(between) && currencyOf(next.chunk.text) === 'USD' ? next : item;
}

/**
 * The price per coin and the total, by the role of the money pattern that finds them in the
 * transaction's own clause (rules/patterns.yaml, money). Valuations, raises and gains match no
 * pattern and so never count. The first of each role wins; one amount never fills both.
 */
export function resolveMoney(site: TransactionSite, draft: Draft): void {
  const clause = site.sentence.tagged.slice(site.anchor.start, site.tailEnd);
  const money = site.placed.filter((candidate) => candidate.chunk.type === 'M');
  for (const rule of site.rulebook.money) {
    for (const match of allMatches(rule.regex, clause)) {
      const slot = [...rule.slots.entries()].find(([name]) => match.groups?.[name] !== undefined);
      const found = slot ? money[Number(match.groups![slot[0]])] : undefined;
      if (!found) continue;
      const item = dollarsBeside(site, found, money);
      if (rule.role === 'unit_price' && !draft.unitPriceText && item.chunk.text !== draft.totalText) {
        draft.unitPriceText = item.chunk.text;
        draft.provenance.unit_price_usd = [site.chunkEvidence(item, rule.id)];
      } else if (rule.role === 'total' && !draft.totalText && item.chunk.text !== draft.unitPriceText) {
        draft.totalText = item.chunk.text;
        draft.provenance.total_usd = [site.chunkEvidence(item, rule.id)];
      }
    }
  }
}
