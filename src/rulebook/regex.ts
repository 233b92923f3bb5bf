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
