import { PRICELESS_TICKER_LINE, tickerRules, type TickerRules } from './tickers.js';
import { FURNITURE } from './zones.js';

/**
 * Hard line-wraps in plain-text pages. A wire release copied as text breaks its sentences at a
 * fixed width ("it produced 2,210" / "BTC in the quarter"), and extraction reads one line at a
 * time, so a wrapped sentence is joined back before lines are zoned. A line is joined to the next
 * only when the first cannot end there and the next carries on from it; table rows, list items,
 * quotes, headings and bylines start lines of their own and are never joined on. Lines that are
 * only a price widget ("ETH" / "$3,104" on lines of their own inside a sentence) are dropped
 * where they interrupt a sentence, and kept anywhere else (a flattened table has such lines).
 */

/** Lines longer than this were not wrapped at a width: they are whole paragraphs, perhaps cut short. */
const WRAP_WIDTH = 100;
/** Widget lines are short: "$BTC / 97,120.5 / -0.84%" is about the longest. */
const WIDGET_WIDTH = 40;

/**
 * Words a sentence cannot end on: a line ending on one carries on below. Abbreviations that end in
 * a full stop without ending the sentence are in ABBREVIATIONS.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the of for in into on onto at by to from with without about over under after before between among per via ' +
    'and or but nor as than that which who whose whom its their our his her your this these those ' +
    'is are was were be been being has have had will would could should may might must can ' +
    'nearly roughly approximately around another additional'
  ).split(' '),
);

/**
 * Abbreviations that end in a full stop mid-sentence: legal forms, titles, months, US states of wire
 * datelines.
 */
const ABBREVIATIONS = new Set(
  (
    'inc corp co ltd plc llc bros no nos vs approx est dept mr mrs ms dr jr sr st ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'u.s u.k ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont ' +
    'neb nev okla ore pa tenn tex va vt wash wis wyo'
  ).split(' '),
);

/** Bullets and numbered items: "• ", "- ", "o " (a sub-bullet), "1. ", "2) ". */
const LIST_ITEM = /^(?:[•·▪‣◦●■□➢→▲*-]|o(?=\s+\p{Lu})|\d{1,2}[.)])\s+[^\s|]/u;
/** "2 Includes machines in transit": a footnote's number and its first word. */
const FOOTNOTE_LINE = /^\d{1,2}\s+\p{Lu}\p{Ll}/u;
/** A line that starts with an e-mail or web address: a contact line, never the rest of a sentence. */
const ADDRESS = /^(?:\S+@\S+\.\w|https?:\/\/|www\.)/;
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
/** A line that ends inside a clause: on a comma, an ampersand or a broken-off hyphenated word. */
const OPEN_PUNCTUATION = /(?:,|&|\p{L}-)$/u;
const LAST_WORD = /([\p{L}.]+)[.!?]*["'”’)\]]*$/u;
/**
 * The last word, if written in lowercase: a capitalised "On" ends a title ("One Year On"), a lowercase "on"
 * cannot end a sentence.
 */
const TRAILING_WORD = /(?:^|[^\p{L}])(\p{Ll}+)$/u;

const lastWordIs = (text: string, words: Set<string>, pattern: RegExp) => {
  const match = pattern.exec(text);
  return match !== null && words.has(match[1].toLowerCase().replace(/\.$/, ''));
};

function unclosedParenthesis(text: string): boolean {
  let depth = 0;
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) depth++;
  for (let at = text.indexOf(')'); at >= 0; at = text.indexOf(')', at + 1)) depth--;
  return depth > 0;
}

/** Whether the line cannot end there: it stops on a function word or a comma. */
function endsOpen(text: string): boolean {
  return OPEN_PUNCTUATION.test(text) || lastWordIs(text, FUNCTION_WORDS, TRAILING_WORD);
}

/**
 * Whether `next` carries on the sentence that `previous` leaves unfinished. `lastWrapped` is the
 * last line as the page wrapped it (previous may hold lines joined already).
 */
function continues(
  previous: string,
  next: string,
  rules: TickerRules | null,
  lastWrapped = previous,
  afterNext = '',
): boolean {
  if (previous.includes('|') || next.includes('|')) return false; // a table row, or a byline of "|"-separated parts
  if (LIST_ITEM.test(next) || /^["“']/.test(next) || ADDRESS.test(next)) return false;
  if (FURNITURE.test(previous) || FURNITURE.test(next)) return false; // "Share To" / "APP": buttons, each its own line
  // "Halvard Mining, Inc." / "(NASDAQ: HLVD)": an abbreviation's full stop, then a lowercase word or a parenthesis.
  if (SENTENCE_END.test(previous)) return lastWordIs(previous, ABBREVIATIONS, LAST_WORD) && /^[\p{Ll}(]/u.test(next);
  if (/[:;]$/.test(previous)) return false; // a label or an introduction: what follows stands alone
  if (/^\(?\p{Ll}/u.test(next) || unclosedParenthesis(previous)) return true;
  if (afterNext.includes('|') && !SENTENCE_END.test(next)) return false; // the line above a table is its title
  const wrapped = lastWrapped.length <= WRAP_WIDTH;
  // After a comma a line such as "2 Includes machines ..." is a footnote; after "of" it is not.
  if (endsOpen(previous))
    return wrapped && (!FOOTNOTE_LINE.test(next) || lastWordIs(previous, FUNCTION_WORDS, TRAILING_WORD));
  // "it produced 2,210" / "BTC in the quarter": a figure and its unit, torn apart.
  if (/\d$/.test(previous) && rules?.unitStart.test(next)) return true;
  return false;
}

const isBareFigure = (line: string) => /^[$€£]?[\d,.]+$/.test(line);

const joinTwo = (first: string, second: string) =>
  /\p{L}-$/u.test(first) && /^\p{Ll}/u.test(second) ? first + second : `${first} ${second}`;

/**
 * The lines of a plain-text page with wrapped sentences joined. Lines are normalised already;
 * an empty line is a paragraph break and is kept.
 */
export function joinWrappedLines(lines: readonly string[], assetSymbols: readonly string[]): string[] {
  const rules = assetSymbols.length > 0 ? tickerRules(assetSymbols) : null;
  const isWidget = (line: string) =>
    line.length <= WIDGET_WIDTH && (PRICELESS_TICKER_LINE.test(line) || rules?.widgetLine.test(line) === true);
  const joined: string[] = [];
  let index = 0;
  while (index < lines.length) {
    let line = lines[index++];
    let lastWrapped = line;
    if (line.endsWith('--') && PRICELESS_TICKER_LINE.test(line)) continue;
    // Most lines end a sentence and go on as they are; only the rest are looked at further.
    while (
      line &&
      index < lines.length &&
      lines[index] &&
      (!SENTENCE_END.test(line) || lastWordIs(line, ABBREVIATIONS, LAST_WORD))
    ) {
      let next = index;
      // "275" / "$BTC": the cashtag below a figure is its unit, whatever comes after.
      const unit = rules && /\d$/.test(line) ? rules.symbolLine.exec(lines[next])?.[1] : undefined;
      if (unit) next++;
      const runStart = next;
      while (next < lines.length && lines[next] && isWidget(lines[next])) next++;
      const withUnit = unit ? `${line} ${unit}` : line;
      // Widget lines are furniture only with a symbol, change or chip among them, and not after a
      // word that wants its object ("at" / "$3,104"): otherwise they are read as ordinary lines.
      const run = lines.slice(runStart, next);
      if (run.length > 0 && (run.every(isBareFigure) || lastWordIs(line, FUNCTION_WORDS, TRAILING_WORD)))
        next = runStart;
      if (next < lines.length && lines[next] && continues(withUnit, lines[next], rules, lastWrapped, lines[next + 1])) {
        line = joinTwo(withUnit, lines[next]);
        lastWrapped = lines[next];
        index = next + 1;
        continue;
      }
      if (unit) {
        line = withUnit;
        index = runStart;
      }
      break;
    }
    joined.push(line);
  }
  return joined;
}
