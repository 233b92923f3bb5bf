/**
 * Text normalisation before extraction. Offsets in later stages index the normalised text,
 * so everything that changes length happens here, once.
 */
import { withoutTokenBrackets } from '../rulebook/chunkToken.js';
import { untangleTickers } from './tickers.js';

const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Price tickers glued to a word by page widgets: "4,451 Bitcoin$62,477.67" keeps "4,451 Bitcoin".
 * Not a currency written with letters before its "$" ("US$40 million", "HK$12", "A$5 million"),
 * nor an amount with a magnitude after it: those are amounts the page states.
 */
/** Letters that make "$" part of a currency's name: "US$", "HK$", "A$". */
const DOLLAR_PREFIXES = 'US|HK|AU|A|C|CA|NZ|S|SG|NT|R|MX';
/** Words that make the figure an amount: "$5 million", "$300m". */
const MAGNITUDES = 'thousand|million|billion|trillion|mln|mn|bn|m|b|k';
/** "$62,477.67", and the widget's change after it ("+1.2%"). */
const PRICE = String.raw`\$\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![.,]?\d)`;
const PRICE_CHANGE = String.raw`(?:\s?[+−-]?\d+(?:\.\d+)?%)?`;
const GLUED_PRICE = new RegExp(
  `(?<=[A-Za-z])(?<!(?:^|[^A-Za-z])(?:${DOLLAR_PREFIXES}))${PRICE}` +
    String.raw`(?!\s?(?:${MAGNITUDES})\b)${PRICE_CHANGE}`,
  'g',
);

/** "#Bitcoin", "#Buyback": the word is the sentence's, the '#' is the platform's. "#1" and "C#" stay. */
const HASHTAG = /(?<![\p{L}\p{N}&/#])#(?=\p{L})/gu;

/**
 * Footnote markers glued to the word before them: "delivered3", "Mined2 |", "(est.)4". Glued,
 * the word is not read as that word, and after ")" the digit is read as a figure. A marker is one
 * digit after a lowercase word of four letters or more (so "web3" and "H100" stay) or after ")",
 * with no further digit, letter or decimal after it. Only plain-text pages leave markers glued:
 * in HTML they are <sup> elements, taken out with the markup (blockText.ts).
 */
const GLUED_FOOTNOTE = /(?<=\b\p{L}?\p{Ll}{4,}|\))[1-9](?![\p{L}\p{N}%]|[.,]\d)/gu;

/**
 * Lines of printable ASCII without '$' (most of a page) have nothing for the rules below but
 * doubled spaces: they take the short way, with the same result.
 */
const NEEDS_RULES = /[^\x20-\x7e]|\$/;

export function normalizeLine(line: string, assetSymbols: readonly string[] = []): string {
  let text = NEEDS_RULES.test(line) ? typography(line) : line;
  // Furniture glued into the words: each rule is tried only where its cheap test finds a trace.
  text = untangleTickers(text, assetSymbols);
  if (text.includes('#')) text = text.replace(HASHTAG, '');
  return text.replace(/ {2,}/g, ' ').trim();
}

/** A line of a plain-text page without the footnote markers glued to its words. */
export const dropGluedFootnotes = (line: string) =>
  /[a-z)][1-9]/.test(line) ? line.replace(GLUED_FOOTNOTE, '') : line;

/** Spaces, quotes, dashes and glued prices, for lines with anything but plain ASCII in them. */
function typography(line: string): string {
  let text = line.replace(ZERO_WIDTH, '').replace(SPACES, ' ');
  text = text.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');
  text = text.replace(/(\d)\s?[–—‒]\s?(\d)/g, '$1-$2').replace(/\s*[–—‒]\s*/g, ' - ');
  text = text.replace(/…/g, '...');
  // The lookbehind is tried at every position: look for a letter glued to "$<digit>" first.
  if (/[A-Za-z]\$\d/.test(text)) text = text.replace(GLUED_PRICE, '');
  // Brackets of the pattern language's chunk tokens, in the text itself, would be read as chunks.
  return withoutTokenBrackets(text);
}

const LETTER = /\p{L}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Share of letters that are CJK: pages or lines in Chinese or Japanese are not parsed as English. */
export function cjkRatio(text: string): number {
  // One native scan answers for text with no CJK at all (nearly every line): the ratio is 0.
  if (!CJK.test(text)) return 0;
  // Counted in one pass; matching every letter into an array took ~50 MB for a 1 MB line.
  let letters = 0;
  let cjk = 0;
  for (const character of text) {
    if (!LETTER.test(character)) continue;
    letters++;
    if (CJK.test(character)) cjk++;
  }
  return letters === 0 ? 0 : cjk / letters;
}

/** A line mostly in Chinese, Japanese or Korean: kept, but not read for transactions. */
export const isMostlyCjk = (text: string) => cjkRatio(text) > 0.3;
