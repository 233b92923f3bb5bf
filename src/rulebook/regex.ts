/** Escapes text for use inside a regular expression; a space matches any run of white space. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+');
}

/** One alternation of words, longest first so that "just over" wins over "over". */
export function alternation(words: Iterable<string>): string {
  const unique = [...new Set(words)].filter((word) => word.length > 0);
  unique.sort((a, b) => b.length - a.length);
  return unique.map(escapeRegex).join('|');
}

/** Normalises a matched phrase for lexicon lookups. */
export function lookupKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Every match of a global regex, as exec finds them. String.prototype.matchAll clones the regex on
 * each call (about four times the cost of exec on a short sentence); this does not, and it leaves
 * lastIndex at 0, so a shared regex can be used again, even by a caller inside the loop.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    found.push(match);
    if (match[0].length === 0) regex.lastIndex++;
  }
  regex.lastIndex = 0;
  return found;
}
