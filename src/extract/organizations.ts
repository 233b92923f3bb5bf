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
  // compromise tags "February, Data" as an organisation in headlines: accept only a clean run of capitalised words.
  if (!name || name.length < 3 || !/^[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*$/.test(name)) return null;
  if (name.split(' ').some((word) => /^(?:The|This|It|Data|Bitcoin|Ethereum|BTC|ETH|Miners?|Whales?|Traders?|Investors?|January|February|March|April|May|June|July|August|September|October|November|December)$/.test(word))) return null;
  const start = sentence.indexOf(name);
  return start >= 0 ? { name, start } : null;
}
