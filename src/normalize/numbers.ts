import type { Rulebook } from '../rulebook/compile.js';
import { lookupKey } from '../rulebook/regex.js';
import type { Interval } from '../schema/mention.js';

const UNIT = '\\s?(?:%|€|Mio|Millionen|millones|milliards?|million|billion|BTC|ETH|SOL)(?![\\w])';
/** Figures only one convention writes: 1.234.567 or "4,5 million" (European); 1,234,567 or "4.5 million" (English). */
const EUROPEAN_SIGNS = [/\b\d{1,3}(?:\.\d{3}){2,}\b/g, new RegExp(`\\b\\d+,\\d{1,2}${UNIT}`, 'g')];
const ENGLISH_SIGNS = [/\b\d{1,3}(?:,\d{3}){2,}\b/g, new RegExp(`\\b\\d+\\.\\d{1,2}${UNIT}`, 'g')];
const count = (text: string, signs: RegExp[]) => signs.reduce((sum, sign) => sum + (text.match(sign)?.length ?? 0), 0);

/**
 * Pages that write 1.234.567 or 1,5 use the European convention; there "78.815" is 78815.
 * Decided once per article, never per number, by the figures only one convention writes; a page
 * that mostly writes "20.38 BTC" and "$1.2 million" and once "9,8 million yen" is English.
 */
export function usesEuropeanNumbers(text: string): boolean {
  const european = count(text, EUROPEAN_SIGNS);
  return european > 0 && european > count(text, ENGLISH_SIGNS);
}

/** "4,451" -> 4451, "1.2" -> 1.2, "78.815" (European) -> 78815. */
export function parsePlainNumber(text: string, european = false): number {
  const cleaned = european ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  return Number(cleaned);
}

/**
 * The one grammar of a written number, in either convention: "4,451", "1.234.567", "78,5", "1.2".
 * Extraction tags figures with it (extract/chunks.ts) and normalize reads their values with it.
 */
export const NUMBER = '\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';

/** A number and its magnitude word, by the magnitudes of rules/numbers.yaml; built once per rulebook. */
const numberPatterns = new WeakMap<Rulebook, { numberWithMagnitude: RegExp; hedge: RegExp }>();
function patternsOf(rulebook: Rulebook) {
  let patterns = numberPatterns.get(rulebook);
  if (!patterns) {
    patterns = {
      numberWithMagnitude: new RegExp(`(${NUMBER})\\s?(${rulebook.numbers.magnitudeSource})?(?![\\w])`, 'i'),
      hedge: new RegExp(`^(?:${rulebook.hedgeSource})`, 'i'),
    };
    numberPatterns.set(rulebook, patterns);
  }
  return patterns;
}

/** The hedge word a phrase starts with, as an interval factor. */
function hedgeOf(text: string, rulebook: Rulebook): { low: number; high: number } | null {
  const match = patternsOf(rulebook).hedge.exec(text.trim());
  return match ? (rulebook.hedgeByWord.get(lookupKey(match[0])) ?? null) : null;
}

/** A number phrase ("just over 3,000 BTC", "$1.2bn", "1.2K") as a value and its interval. */
export function parseAmount(text: string, rulebook: Rulebook, european = false): Interval | null {
  const match = patternsOf(rulebook).numberWithMagnitude.exec(text);
  if (!match) return null;
  let value = parsePlainNumber(match[1], european);
  const magnitude = match[2] ? (rulebook.numbers.magnitudeByWord.get(lookupKey(match[2])) ?? 1) : 1;
  value *= magnitude;
  const unit = /(\w+)\s*$/.exec(text)?.[1];
  const factor = unit ? (rulebook.assetByName.get(lookupKey(unit))?.factor ?? 1) : 1;
  value = round(value * factor);
  if (!Number.isFinite(value)) return null;
  // "1,100+ BTC": more than the figure, as "more than" says it.
  const hedge = hedgeOf(text, rulebook) ?? (/\d\+/.test(text) ? (rulebook.hedgeByWord.get('more than') ?? null) : null);
  if (hedge) return { value, low: round(value * hedge.low), high: round(value * hedge.high), approx: true };
  if (match[2]) {
    // "1.2K BTC" is a rounded figure: it stands for anything from 1,150 to 1,250.
    const decimals = match[1].split(/[.,]/)[1]?.length ?? 0;
    const half = (magnitude * factor) / 10 ** decimals / 2;
    if (half >= 1 || value < 1e4) return { value, low: round(value - half), high: round(value + half), approx: true };
  }
  return { value, low: value, high: value, approx: false };
}

/** Fifteen significant digits: "2.03 billion" is 2,030,000,000, not 2,029,999,999.9999998 (binary floating point). */
const round = (value: number) => (value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(15)));

/** Money as amount and currency: "USD34.6 million" -> 34,600,000 USD; "¥10.5 billion" -> JPY. */
export function parseMoney(
  text: string,
  rulebook: Rulebook,
  european = false,
): { currency: string; amount: Interval } | null {
  const amount = parseAmount(text, rulebook, european);
  if (!amount) return null;
  const currency = rulebook.numbers.currencyOf(text);
  return { currency, amount };
}
