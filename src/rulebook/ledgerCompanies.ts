import { splitSentences } from '../extract/sentences.js';
import type { CompanyMentions } from '../store/repository.js';
import type { Rulebook } from './compile.js';
import { lookupKey } from './regex.js';

/** A company the ledger's mentions name, and whether the lexicon (project and user rules) knows it. */
export interface LedgerCompany {
  /** the canonical name when the lexicon knows it, else the name as the mentions carry it */
  company: string;
  known: boolean;
  mentions: number;
  /** one mention's sentence, the words that named the transaction in it, and its source */
  example: { sentence: string; evidence: string; source: string };
}

/**
 * The companies named in the ledger, from Repository.companyMentions: by default only those the
 * lexicon does not know (what a user may add to a rules folder of their own), with `all` the known
 * ones too. A name the lexicon knows under any spelling (alias, former name) counts as its
 * canonical company; unknown names are grouped case-insensitively. Most mentioned first, then by name.
 */
export function ledgerCompanies(
  rows: CompanyMentions[],
  rulebook: Pick<Rulebook, 'companyByAlias'>,
  options: { all?: boolean } = {},
): LedgerCompany[] {
  const groups = new Map<string, LedgerCompany & { top: number }>();
  for (const row of rows) {
    if (!row.company) continue;
    const entry = rulebook.companyByAlias.get(lookupKey(row.company));
    if (entry && !options.all) continue;
    const key = entry ? `known:${entry.name}` : `unknown:${lookupKey(row.company)}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        company: entry?.name ?? row.company,
        known: entry !== undefined,
        mentions: row.mentions,
        example: exampleOf(row),
        top: row.mentions,
      });
      continue;
    }
    group.mentions += row.mentions;
    // An unknown company is shown under its most mentioned spelling, with that spelling's example.
    if (row.mentions > group.top) {
      group.top = row.mentions;
      if (!entry) group.company = row.company;
      group.example = exampleOf(row);
    }
  }
  return [...groups.values()]
    .map(({ top: _top, ...company }) => company)
    .sort((a, b) => b.mentions - a.mentions || a.company.localeCompare(b.company));
}

/** The sentence a mention was read from: its line's first sentence from where the mention's sentence starts. */
function exampleOf(row: CompanyMentions): LedgerCompany['example'] {
  const line = (row.textFromSentence ?? '').split('\n')[0];
  const sentence = splitSentences(line)[0]?.text.trim() || row.evidence;
  return { sentence, evidence: row.evidence, source: row.source };
}

/** The list as text: count, name (and known/unknown with --all), then the example sentence and its source. */
export function formatLedgerCompanies(companies: LedgerCompany[], all: boolean): string {
  const width = Math.max(8, ...companies.map((company) => String(company.mentions).length));
  const lines = [`${'mentions'.padStart(width)}  company`];
  for (const company of companies) {
    const evidence = company.example.sentence.replace(/\s+/g, ' ').trim();
    const shown = evidence.length > 160 ? `${evidence.slice(0, 157)}...` : evidence;
    lines.push(
      `${String(company.mentions).padStart(width)}  ` +
        `${company.company}${all ? `  (${company.known ? 'known' : 'unknown'})` : ''}`,
    );
    lines.push(`${' '.repeat(width)}  e.g. "${shown}" (${company.example.source})`);
  }
  return `${lines.join('\n')}\n`;
}
