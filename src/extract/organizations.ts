import nlp from 'compromise';

/**
 * The fallback for a company the lexicon does not know: compromise's #Organization tag. It is
 * noisy on news ("Exchange Commission."), so it is asked only about the few sentences that state a
 * transaction and name no known company, and only a capitalised name with a transfer-style
 * "from X" or a sentence-initial subject is accepted.
 */
export function fallbackOrganization(sentence: string): { name: string; start: number } | null {
  const from = /\bfrom ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})/.exec(sentence);
  const candidates = nlp(sentence).organizations().out('array') as string[];
  const name = (from?.[1] ?? candidates[0] ?? '').replace(/[.,:;]+$/, '').trim();
  if (!name || name.length < 3 || /^(?:The|This|It|Data|Bitcoin|Ethereum|BTC|ETH)$/i.test(name)) return null;
  const start = sentence.indexOf(name);
  return start >= 0 ? { name, start } : null;
}
