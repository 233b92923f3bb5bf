/**
 * Figures as values: extraction hands normalize numbers, not text to parse again. Read once per
 * mention after the page-level passes (asides, folds, the two legs of a trade) have settled every
 * text, with the one number grammar and the page's number convention.
 */
import { parseAmount, parseMoney } from '../normalize/numbers.js';
import type { Rulebook } from '../rulebook/compile.js';
import type { Figures, Mention } from '../schema/mention.js';

/** A mention's figures before they are read: every one unknown. */
export const UNREAD_FIGURES: Figures = Object.freeze({
  quantity: null,
  unitPrice: null,
  total: null,
  holdingsBefore: null,
  holdingsAfter: null,
}) as Figures;

/** The values of a mention's figure texts; `european` is the page's convention ("78.815" is 78815). */
export function readFigures(mention: Mention, rulebook: Rulebook, european: boolean): Figures {
  const amount = (text: string | null) => (text === null ? null : parseAmount(text, rulebook, european));
  const money = (text: string | null) => (text === null ? null : parseMoney(text, rulebook, european));
  return {
    quantity: amount(mention.quantityText),
    unitPrice: money(mention.unitPriceText),
    total: money(mention.totalText),
    holdingsBefore: amount(mention.holdingsBeforeText),
    holdingsAfter: amount(mention.holdingsAfterText),
  };
}
