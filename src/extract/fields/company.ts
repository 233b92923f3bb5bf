import { lookupKey } from '../../rulebook/regex.js';
import { contextCompany } from '../context.js';
import { fallbackOrganization } from '../organizations.js';
import type { Draft, TransactionSite } from './site.js';

/**
 * Who acted, in order of how directly the sentence says it: the figure this one continues, the
 * company the pattern captured, the nearest company named before the verb (or the one a
 * "respectively" list assigns), "by/from X" after it, the reading context (last company named,
 * section heading), and compromise's #Organization as the last resort. 'unnamed' when the subject
 * is a name nobody recognised: carrying the previous company over would misattribute it.
 */
export function resolveCompany(site: TransactionSite, draft: Draft): 'resolved' | 'unnamed' | 'none' {
  const { sentence, placed, anchor, zone, base, context } = site;
  const list = anchor.quantity.list;
  const subjectCompanies = placed.filter((item) => item.chunk.type === 'C' && item.at >= site.subjectStart && item.at < site.subjectEnd);
  const respectively = list && /\brespectively\b/i.test(sentence.tagged) && subjectCompanies.length === list.size;
  const inSubject = respectively ? subjectCompanies[list.index] : subjectCompanies.at(-1);
  const inTail = placed.find((item) => item.chunk.type === 'C' && item.at >= anchor.end && item.at < site.tailEnd && /\b(?:by|from)\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 6), item.at)));
  const companyItem = anchor.company ? placed.find((item) => item.chunk === anchor.company) : inSubject ?? inTail;
  if (site.parentCompany) {
    draft.company = site.parentCompany.company;
    draft.provenance.company = [{ ...site.parentCompany.evidence, rule: 'company.same-as-compared-figure' }];
  } else if (companyItem) {
    draft.company = companyItem.chunk.company!;
    const named = companyItem === inTail ? 'company.by-or-from' : 'company.named';
    // A company no lexicon lists carries the shape that recognised it on this page ("org.legal-suffix").
    draft.provenance.company = [site.chunkEvidence(companyItem, companyItem.chunk.rule?.startsWith('org.') ? companyItem.chunk.rule : named)];
  } else if (zone === 'body' && unknownProperSubject(site.subjectTail)) {
    return 'unnamed';
  } else if (zone === 'body' && contextCompany(context)) {
    draft.company = contextCompany(context);
    draft.provenance.company = [{ ...site.anchorEvidence, rule: context.lastCompany ? 'company.context-last-named' : 'company.context-section-heading' }];
  } else {
    const organization = fallbackOrganization(sentence.text);
    if (!organization) return 'none';
    draft.company = organization.name;
    draft.provenance.company = [{ text: organization.name, start: base + organization.start, end: base + organization.start + organization.name.length, rule: 'company.compromise-organization' }];
  }
  draft.ticker = site.organizations.bySpelling.get(lookupKey(draft.company!))?.ticker ?? null;
  return 'resolved';
}

const NOT_A_NAME = /^(?:The|A|An|In|On|At|By|For|From|After|Before|Since|During|Over|Last|This|That|Its|Their|Meanwhile|However|Still|Also|But|And|Data|Bitcoin|Ether|Ethereum|Solana|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** A name-like run of capitalised words (or one CamelCase word) that is not a known company. */
function unknownProperSubject(subjectTail: string): boolean {
  for (const match of subjectTail.matchAll(/\b[A-Z][\w&.-]*(?:\s+(?:[A-Z][\w&.-]*|&))*/g)) {
    const words = match[0].split(/\s+/).filter((word) => !NOT_A_NAME.test(word));
    if (words.length >= 2 || (words.length === 1 && /^[A-Z][a-z]+[A-Z]\w*$/.test(words[0]))) return true;
  }
  return false;
}
