/** The treasury framing of purchases: a company's buys on a page that frames it as a treasury build a reserve. */
import { lowerBound } from '../lowerBound.js';
import type { CompiledCue, Rulebook } from '../rulebook/compile.js';
import { lookupKey } from '../rulebook/regex.js';
import { baseName } from './organizations.js';
import type { Article, Line } from '../schema/document.js';
import type { Mention } from '../schema/mention.js';

/** The index of the line holding an offset of the article's text (lines are in order of their start). */
const lineAt = (lines: readonly Line[], offset: number) =>
  Math.max(0, lowerBound(lines, (line) => line.start <= offset) - 1);

/** Purchases on a page about treasuries build a reserve, unless a purpose of their own is stated. */
export function applyTreasuryContext(mentions: Mention[], article: Article, rulebook: Rulebook) {
  const lines = article.lines;
  // A page about one company (its release, a story on its purchase) frames that company throughout.
  const oneCompany =
    new Set(mentions.filter((mention) => mention.zone === 'body').map((mention) => mention.company)).size === 1;
  // The nearest heading at or above each line, in one pass (searching back per purchase was quadratic).
  const headingOf: number[] = [];
  lines.forEach((line, index) =>
    headingOf.push(line.zone === 'heading' ? index : index > 0 ? headingOf[index - 1] : -1),
  );
  // Each line is searched once, however many purchases it tells (a 1 MB line can tell thousands).
  const framings = new Map<Line, { cue: CompiledCue; match: RegExpExecArray } | null>();
  const framing = (line: Line) => {
    if (!framings.has(line)) {
      const cue = rulebook.treasuryContext.find((candidate) => candidate.regex.test(line.text));
      framings.set(line, cue ? { cue, match: cue.regex.exec(line.text)! } : null);
    }
    return framings.get(line)!;
  };
  // For a one-company page: its first framed line, looked for once.
  let page: Line[] | null = null;
  const pageScope = () =>
    (page ??= lines.filter((line) => (line.zone === 'body' || line.zone === 'heading') && framing(line)).slice(0, 1));
  const byCompany = new Map<string, Line[]>();
  const companyScope = (company: string) => {
    let scope = byCompany.get(company);
    if (!scope) {
      const spellings = spellingsOf(company, rulebook);
      scope = lines
        .filter(
          (line) =>
            line.zone === 'body' &&
            framing(line) &&
            spellings.some((spelling) => line.text.toLowerCase().includes(spelling)),
        )
        .slice(0, 1);
      byCompany.set(company, scope);
    }
    return scope;
  };
  for (const mention of mentions) {
    // A purpose of its own counts only if a purchase can have it (a buy "funded with convertible bonds"
    // repays no debt).
    if (
      mention.action !== 'buy' ||
      mention.zone !== 'body' ||
      mention.purposes.some((purpose) => rulebook.purposeActions.get(purpose)?.has('buy'))
    )
      continue;
    // The framing must be about this company: in the paragraph that tells the purchase, or in the
    // heading of its section ("The biggest ETH treasury is not slowing down. Bitmine added ...").
    // A roundup that calls one company a treasury says nothing of the next one's purchase.
    const index = lineAt(lines, mention.sentenceStart);
    const heading = headingOf[index];
    const local = heading >= 0 && heading !== index ? [lines[index], lines[heading]] : [lines[index]];
    // Or a line anywhere on the page that frames this company by name ("the bitcoin treasury policy KULR adopted").
    const scope = oneCompany ? pageScope() : [...local, ...companyScope(mention.company!)];
    for (const line of scope) {
      const found = framing(line);
      if (!found) continue;
      const { cue, match } = found;
      mention.purposes.push('treasury');
      (mention.provenance.purpose ??= []).push({
        text: match[0],
        start: line.start + match.index,
        end: line.start + match.index + match[0].length,
        rule: cue.id,
      });
      mention.rules.push(cue.id);
      break;
    }
  }
}

/** How a page may write a company: its name, its aliases and former names, its name before a comma or legal form. */
function spellingsOf(company: string, rulebook: Rulebook): string[] {
  const spellings = new Set([lookupKey(company), lookupKey(baseName(company, rulebook))]);
  const entry = rulebook.companyByAlias.get(lookupKey(company));
  if (entry)
    for (const [alias, other] of rulebook.companyByAlias)
      if (other === entry && alias.length >= 3) spellings.add(alias);
  // Pages name companies by their ticker too ("DFDV bought 86,307 SOL").
  if (entry?.ticker && entry.ticker.length >= 3) spellings.add(lookupKey(entry.ticker));
  return [...spellings].filter((spelling) => spelling.length >= 3);
}
