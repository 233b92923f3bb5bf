import nlp from 'compromise';
import type { Rulebook } from '../../rulebook/compile.js';
import { lookupKey } from '../../rulebook/regex.js';
import { contextCompany } from '../context.js';
import { fallbackOrganization, namesNobody } from '../organizations.js';
import type { Draft, TransactionSite } from './site.js';

/**
 * Who acted, in order of how directly the sentence says it: the figure this one continues, the
 * company the pattern captured, the nearest company named before the verb (or the one a
 * "respectively" list assigns), "by/from X" after it, the reading context (last company named,
 * section heading), and compromise's #Organization as the last resort. A subject that is a name no
 * lexicon or shape recognised keeps the transaction under that name: carrying the previous company
 * over would misattribute it, and dropping it would lose it in silence.
 */
export function resolveCompany(site: TransactionSite, draft: Draft): 'resolved' | 'none' {
  const { sentence, placed, anchor, zone, base, context } = site;
  const list = anchor.quantity.list;
  const subjectCompanies = placed.filter(
    (item) => item.chunk.type === 'C' && item.at >= site.subjectStart && item.at < site.subjectEnd,
  );
  const respectively = list && /\brespectively\b/i.test(sentence.tagged) && subjectCompanies.length === list.size;
  const inSubject = respectively ? subjectCompanies[list.index] : subjectCompanies.at(-1);
  const inTail = placed.find(
    (item) =>
      item.chunk.type === 'C' &&
      item.at >= anchor.end &&
      item.at < site.tailEnd &&
      /\b(?:by|from)\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 6), item.at)),
  );
  const companyItem = anchor.company ? placed.find((item) => item.chunk === anchor.company) : (inSubject ?? inTail);
  const acting = actingSubject(site.subjectTail, site.rulebook);
  const unknownName =
    zone === 'body' && !site.parentCompany && !companyItem ? unknownProperSubject(acting, site.rulebook) : null;
  if (site.parentCompany) {
    draft.company = site.parentCompany.company;
    draft.provenance.company = [{ ...site.parentCompany.evidence, rule: 'company.same-as-compared-figure' }];
  } else if (companyItem) {
    draft.company = companyItem.chunk.company!;
    const named = companyItem === inTail ? 'company.by-or-from' : 'company.named';
    // A company no lexicon lists carries the shape that recognised it on this page ("org.legal-suffix").
    draft.provenance.company = [
      site.chunkEvidence(companyItem, companyItem.chunk.rule?.startsWith('org.') ? companyItem.chunk.rule : named),
    ];
  } else if (unknownName) {
    // A name no shape recognised is the subject: keep the transaction under that name (listed by
    // `datledger companies` for the user to confirm) rather than give it to the company read last.
    const at = Math.max(0, sentence.text.indexOf(unknownName));
    draft.company = unknownName;
    draft.provenance.company = [
      {
        text: unknownName,
        start: base + at,
        end: base + at + unknownName.length,
        rule: 'company.unrecognised-subject',
      },
    ];
  } else if (zone === 'body' && namedSomeoneElse(acting, site.rulebook, contextCompany(context))) {
    // "Hayes shifted about $1.5 million of Ethereum": a single name nobody recognised acts, maybe a
    // person; neither the company read last nor a guess.
    return 'none';
  } else if (zone === 'body' && contextCompany(context)) {
    draft.company = contextCompany(context);
    draft.provenance.company = [
      {
        ...site.anchorEvidence,
        rule: context.lastCompany ? 'company.context-last-named' : 'company.context-section-heading',
      },
    ];
  } else {
    const organization = fallbackOrganization(sentence.text, site.rulebook);
    if (!organization) return 'none';
    draft.company = organization.name;
    draft.provenance.company = [
      {
        text: organization.name,
        start: base + organization.start,
        end: base + organization.start + organization.name.length,
        rule: 'company.compromise-organization',
      },
    ];
  }
  draft.ticker = site.organizations.bySpelling.get(lookupKey(draft.company!))?.ticker ?? null;
  return 'resolved';
}

/**
 * The subject (after any "X reported that") names someone compromise reads as a person or a name,
 * who is no part of the company being read ("Cipher" under the heading "Cipher Mining"): someone
 * else acts. Asked only of the few transactions that would otherwise fall back on the context.
 */
function namedSomeoneElse(subjectTail: string, rulebook: Rulebook, current: string | null): boolean {
  const own = new Set((current ?? '').split(/\s+/));
  // compromise is asked only when a capitalised word that could name someone is there at all.
  // "The US-based company": a descriptor names no one.
  const candidates = [...subjectTail.matchAll(/(?<![\w.])[A-Z][\w'’-]*/g)]
    .map((match) => match[0])
    .filter((word) => !own.has(word) && !namesNobody(word, rulebook) && !DESCRIPTOR_WORD.test(word));
  if (candidates.length === 0) return false;
  const names = nlp(subjectTail).match('(#Person|#ProperNoun|#Organization)').out('array') as string[];
  // A name counts by its capitalised words: "Bitcoin holdings" names nobody, nor does "US-based".
  const namesSomeone = (word: string) =>
    /^[A-Z]/.test(word) && !own.has(word) && !namesNobody(word, rulebook) && !DESCRIPTOR_WORD.test(word);
  return names.some((name) =>
    name
      .split(/\s+/)
      .map((word) => word.replace(/[^\w&.-]+$/, ''))
      .some(namesSomeone),
  );
}

/** "BeinCrypto reported that Hayes shifted ...": who reports is not who acts; the subject follows "that". */
function actingSubject(tail: string, rulebook: Rulebook): string {
  const reported = [...tail.matchAll(rulebook.reportedThat)].at(-1);
  return reported ? tail.slice(reported.index! + reported[0].length) : tail;
}

const DESCRIPTOR_WORD = /-(?:based|listed|headquartered|registered|traded)$/i;

/**
 * A name-like run of capitalised words (or one CamelCase word) that is not a known company, if the subject
 * holds one.
 */
function unknownProperSubject(subjectTail: string, rulebook: Rulebook): string | null {
  for (const match of subjectTail.matchAll(/\b[A-Z][\w&.-]*(?:\s+(?:[A-Z][\w&.-]*|&))*/g)) {
    // "According to BeinCrypto, ...", "data from Arkham show ...": a source, not the subject.
    if (/\b(?:according to|from|per|by|via|cited by|reported by|told)\s+$/i.test(subjectTail.slice(0, match.index)))
      continue;
    // "Tokyo Stock Exchange-listed", "New York-based": a descriptor of the subject, not its name.
    if (DESCRIPTOR_WORD.test(match[0].split(/\s+/).at(-1)!)) continue;
    const words = match[0].split(/\s+/).filter((word) => !namesNobody(word, rulebook));
    // "Jonathan Pryce was criticised for a small purchase of 130 BTC": a person (a first name, as
    // compromise knows first names) is no company; an individual's trade is not the ledger's.
    if (words.length >= 2 && words.length <= 3 && nlp(words.join(' ')).has('^#FirstName')) continue;
    if (words.length >= 2 || (words.length === 1 && /^[A-Z][a-z]+[A-Z]\w*$/.test(words[0])))
      return words.join(' ').replace(/[.,]+$/, '');
  }
  return null;
}
