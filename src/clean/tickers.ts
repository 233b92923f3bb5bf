/**
 * Ticker furniture inside running text: price widgets, cashtags and coin symbols that a page or a
 * scraper left glued to the words around them. The coin symbols come from rules/assets.yaml, so
 * no coin is named here; company tickers are recognised only by their shape.
 */

/** A number as widgets print prices: "3,104", "108,742.3". */
const PRICE = String.raw`\d{1,3}(?:,\d{3})*(?:\.\d+)?`;
/** A change as widgets print it: "+1.21%", "-0.4%", "−2%". */
const CHANGE = String.raw`[+−-]?\d+(?:\.\d+)?%`;

/**
 * A company ticker whose live price never loaded, glued to the name it follows: "Norvale
 * GroupNRVG--", "BitcoinBTC--". The word before it is what the sentence says.
 */
const PRICELESS_TICKER = /(?<=\p{Ll})\p{Lu}{2,6}--(?=$|[\s,.;:)])/gu;

/** The same, alone on a line: the chips above an article ("NRVG--", "BTC--"). */
export const PRICELESS_TICKER_LINE = /^\p{Lu}{2,6}--$/u;

export interface TickerRules {
  /** "ETH $2,996.40 +1.2%": a symbol followed by a live price with cents, in running text. */
  spacedWidget: RegExp;
  /** "$BTC / 97,120.5 / -0.84%": a cashtag chip with price and change; the cashtag is kept. */
  chip: RegExp;
  /** A cashtag of a coin: "$ETH". What to do with it depends on what is right before it. */
  cashtag: RegExp;
  /** A symbol glued to the word after it: "ETHreserve", "64 BTCShares". */
  gluedSymbol: RegExp;
  /** Cheap test for gluedSymbol: a symbol with a letter after it. */
  mayBeGlued: RegExp;
  /** A line that is only a symbol or its cashtag: "ETH", "$BTC". */
  symbolLine: RegExp;
  /** A line that starts with a symbol as a unit ("BTC in the quarter"), not as the first word of a title ("BTC Price Slides"). */
  unitStart: RegExp;
  /** A line that is only widget output: a symbol, a price, a change, or a chip. */
  widgetLine: RegExp;
}

const cache = new Map<string, TickerRules>();
/** The list asked about last: every line of a page asks with the same list, and joining it per line showed in profiles. */
let last: { symbols: readonly string[]; rules: TickerRules } | null = null;

export function tickerRules(symbols: readonly string[]): TickerRules {
  if (last?.symbols === symbols) return last.rules;
  const key = symbols.join('|');
  let rules = cache.get(key);
  if (!rules) {
    const symbol = `(?:${key})`;
    rules = {
      spacedWidget: new RegExp(`\\b(${symbol}) \\$\\d{1,3}(?:,\\d{3})*\\.\\d{2}(?: ?${CHANGE})?(?=[\\s,;.)]|$)`, 'g'),
      chip: new RegExp(`(\\$${symbol}) ?/ ?${PRICE} ?/ ?${CHANGE}`, 'g'),
      cashtag: new RegExp(`\\$(${symbol})\\b`, 'g'),
      gluedSymbol: new RegExp(`\\b(${symbol})(?=\\p{Lu}\\p{Ll}|\\p{Ll}{3})`, 'gu'),
      mayBeGlued: new RegExp(`${symbol}[A-Za-z]`),
      symbolLine: new RegExp(`^\\$?(${symbol})$`),
      unitStart: new RegExp(`^\\$?${symbol}(?![\\p{L}\\p{N}])(?![\\s,.;:)]+\\p{Lu})`, 'u'),
      widgetLine: new RegExp(
        `^(?:\\$?${symbol}|[$€£]?${PRICE}|\\(?${CHANGE}\\)?|\\$${symbol} ?/ ?${PRICE} ?/ ?${CHANGE}|\\p{Lu}{2,6}--)$`,
        'u',
      ),
    };
    cache.set(key, rules);
  }
  last = { symbols, rules };
  return rules;
}

/**
 * A cashtag by what stands before it. Glued to its own symbol ("SOL$SOL") it is said twice: gone.
 * After a figure ("75 $BTC", "75$BTC") it is the figure's unit: the bare symbol. Glued to a word
 * or a stop ("high.$ETH") it is set apart. Anywhere else ("bought $ETH 500") it stays as written.
 */
function placeCashtag(match: string, symbol: string, offset: number, text: string): string {
  const before = text.slice(Math.max(0, offset - symbol.length - 1), offset);
  if (before.endsWith(symbol) && !/\p{L}/u.test(before.charAt(before.length - symbol.length - 1))) return '';
  const previous = text.charAt(offset - 1);
  if (/\d/.test(previous)) return ` ${symbol}`;
  if (previous === ' ' && /\d/.test(text.charAt(offset - 2))) return symbol;
  if (/[\p{L}.,;:!?]/u.test(previous)) return ` ${match}`;
  return match;
}

/**
 * A symbol glued to the next word is set apart: always before a lowercase word ("ETHreserve"), and
 * before a capitalised one only after a figure ("64 BTCShares"), since names such as "ETHZilla"
 * are written that way on purpose.
 */
function splitGluedSymbol(symbol: string, offset: number, text: string): string {
  const lowercaseNext = /\p{Ll}/u.test(text.charAt(offset + symbol.length));
  return lowercaseNext || /\d $/.test(text.slice(Math.max(0, offset - 2), offset)) ? `${symbol} ` : symbol;
}

/** A line with ticker furniture taken out or set apart from the words it was glued to. */
export function untangleTickers(text: string, symbols: readonly string[]): string {
  if (text.includes('--')) text = text.replace(PRICELESS_TICKER, '');
  if (symbols.length === 0) return text;
  const rules = tickerRules(symbols);
  if (text.includes('$')) {
    text = text.replace(rules.spacedWidget, '$1');
    if (text.includes('/')) text = text.replace(rules.chip, '$1');
    text = text.replace(rules.cashtag, placeCashtag);
  }
  if (rules.mayBeGlued.test(text))
    text = text.replace(rules.gluedSymbol, (symbol: string, _symbol: string, offset: number, whole: string) =>
      splitGluedSymbol(symbol, offset, whole),
    );
  return text;
}
