/** A sentence of a line, with its offset in that line. */
export interface SentenceSpan {
  text: string;
  start: number;
}

/** Words written with a period that does not end a sentence ("Inc.", "Feb.", "U.S."); inner periods escaped. */
const ABBREVIATED_WORDS = [
  ...['Inc', 'Corp', 'Co', 'Ltd', 'Plc', 'LLC', String.raw`S\.A`, String.raw`N\.V`, String.raw`A\.G`],
  ...['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  ...['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'No', 'vs', 'approx', 'est', String.raw`e\.g`, String.raw`i\.e`, 'etc'],
  ...[
    String.raw`U\.S`,
    String.raw`U\.K`,
    String.raw`a\.m`,
    String.raw`p\.m`,
    'Jr',
    'Sr',
    'Bros',
    'Ave',
    'Nos',
    'Fig',
    'Ltd',
  ],
];
/** An abbreviation, or a single capital ("J. Smith"), at the end of the text before a period. */
const ABBREVIATION = new RegExp(String.raw`(?:\b(?:${ABBREVIATED_WORDS.join('|')})|\b[A-Z])\.$`);

/**
 * Splits a line into sentences at . ! ? followed by a space and an upper-case letter, digit or
 * quote, unless the period ends a known abbreviation. Regex splitting runs at ~18,000 articles/s,
 * where compromise's full parse runs at ~12 (../shared/TOOLCHAIN.md).
 */
export function splitSentences(line: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let start = 0;
  const boundary = /[.!?]["')\]]?(?=\s+["'(\[]?[\p{Lu}\d$•-])/gu;
  for (const match of line.matchAll(boundary)) {
    const end = match.index! + match[0].length;
    if (match[0].startsWith('.') && ABBREVIATION.test(line.slice(Math.max(0, match.index! - 6), match.index! + 1)))
      continue;
    pushBounded(sentences, line, start, end);
    start = end;
  }
  pushBounded(sentences, line, start, line.length);
  return sentences;
}

/**
 * The longest piece read as one sentence. Real sentences are far shorter (the gold and sample
 * articles stay under 400 characters); a run without full stops (a 1 MB line of figures) is cut at
 * white space into pieces this long, because the work per sentence grows faster than its length.
 */
export const MAX_SENTENCE = 1000;

function pushBounded(into: SentenceSpan[], line: string, start: number, end: number) {
  while (end - start > MAX_SENTENCE) {
    // The last space in the second half of the window; a hard cut (not inside a surrogate pair) without one.
    const space = line.slice(start + MAX_SENTENCE / 2, start + MAX_SENTENCE).lastIndexOf(' ');
    let cut = space >= 0 ? start + MAX_SENTENCE / 2 + space : start + MAX_SENTENCE;
    if (/[\uDC00-\uDFFF]/.test(line[cut] ?? '')) cut--;
    pushTrimmed(into, line, start, cut);
    start = cut;
  }
  pushTrimmed(into, line, start, end);
}

function pushTrimmed(into: SentenceSpan[], line: string, start: number, end: number) {
  const raw = line.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text) into.push({ text, start: start + lead });
}
