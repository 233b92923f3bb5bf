/**
 * Text normalisation before extraction. Offsets in later stages index the normalised text,
 * so everything that changes length happens here, once.
 */
const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Price tickers glued to a word by page widgets: "4,451 Bitcoin$62,477.67" keeps "4,451 Bitcoin". */
const GLUED_PRICE = /(?<=[A-Za-z])\$\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s?[+−-]?\d+(?:\.\d+)?%)?/g;

/**
 * Lines of printable ASCII without '$' (most of a page) have nothing for the rules below but
 * doubled spaces: they take the short way, with the same result.
 */
const NEEDS_RULES = /[^\x20-\x7e]|\$/;

export function normalizeLine(line: string, assetSymbols: readonly string[] = []): string {
  if (!NEEDS_RULES.test(line)) return line.replace(/ {2,}/g, ' ').trim();
  let text = line.replace(ZERO_WIDTH, '').replace(SPACES, ' ');
  text = text.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');
  text = text.replace(/(\d)\s?[–—‒]\s?(\d)/g, '$1-$2').replace(/\s*[–—‒]\s*/g, ' - ');
  text = text.replace(/…/g, '...');
  // The lookbehind is tried at every position: look for a letter glued to "$<digit>" first.
  if (/[A-Za-z]\$\d/.test(text)) text = text.replace(GLUED_PRICE, '');
  // Extraction marks the chunks it found with ⟦ ⟧ (⟦Q0⟧ is the first quantity): the same brackets
  // in the text itself would be read as chunks that do not exist. Same length, so offsets hold.
  text = text.replace(/[⟦⟧]/g, (bracket) => (bracket === '⟦' ? '[' : ']'));
  if (assetSymbols.length > 0) text = text.replace(spacedWidget(assetSymbols), '$1');
  return text.replace(/ {2,}/g, ' ').trim();
}

const widgetCache = new Map<string, RegExp>();
/** A ticker followed by a live price inside running text ("ETH $2,996 +1.2%"): the price is page furniture. */
function spacedWidget(symbols: readonly string[]): RegExp {
  const key = symbols.join('|');
  let regex = widgetCache.get(key);
  if (!regex) {
    regex = new RegExp(`\\b(${key}) \\$\\d{1,3}(?:,\\d{3})*\\.\\d{2}(?: ?[+−-]?\\d+(?:\\.\\d+)?%)?(?=[\\s,;.)]|$)`, 'g');
    widgetCache.set(key, regex);
  }
  return regex;
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
