import { CompaniesFile, type Company, type NotANameFile } from '../schema/rules.js';
import { lookupKey } from './regex.js';
import { parseRuleFile, RuleFileError } from './ruleFile.js';
import { userRulesProblem } from './userRules.js';

const NOT_A_NAME = 'rules/not_a_name.yaml';

/**
 * Whether a string can be a company's name: not only legal suffixes ("Inc.", "Holdings, Inc."),
 * and, where it is matched case-insensitively, not a common word ("square", "bitcoin"). The words
 * are data: rules/not_a_name.yaml.
 */
export class NameCheck {
  private readonly suffixes: Set<string>;
  private readonly common: Set<string>;

  constructor(words: NotANameFile) {
    this.suffixes = new Set(words.legal_suffixes.map(lookupKey));
    this.common = new Set(words.common_words.map(lookupKey));
  }

  /** Why `name` cannot be a company's name, or null when it can. `exactCase`: an exact_case_aliases entry. */
  problem(name: string, exactCase: boolean): string | null {
    // A leading "The" names nothing by itself: "The Group" is as empty as "Group".
    const key = lookupKey(name).replace(/^the /, '');
    const words = key
      .split(' ')
      .map((word) => word.replace(/,+$/, ''))
      .filter((word) => word.length > 0);
    if (words.length === 0 || key.length === 0) return 'is not a name';
    if (words.every((word) => this.suffixes.has(word)))
      return (
        `is only a legal suffix (${NOT_A_NAME}: legal_suffixes); ` +
        'in a YAML list, quote a name that holds a comma: ["Square, Inc."]'
      );
    if (this.common.has(key)) {
      if (!exactCase)
        return (
          `is a common word (${NOT_A_NAME}: common_words) and would match ordinary text; ` +
          'list it under exact_case_aliases, capitalised, to match only that spelling'
        );
      if (!/^\p{Lu}/u.test(name.trim()))
        return `is a common word (${NOT_A_NAME}: common_words); an exact-case alias of it must be capitalised`;
    }
    return null;
  }
}

interface Claim {
  company: string;
  file: string;
  line: number | null;
}
const where = (claim: Claim) => `${claim.file}${claim.line === null ? '' : `:${claim.line}`}`;

/**
 * The companies of `projectDir`/companies.yaml, and those of `userDir`/companies.yaml merged in.
 * Every name is checked (NameCheck); an entry whose canonical name is already known extends that
 * company (more aliases, former names, tickers); a name or ticker that two different companies
 * claim stops the load, naming both places.
 */
export function loadCompanies(projectDir: string, userDir: string | null, notAName: NotANameFile): CompaniesFile {
  const check = new NameCheck(notAName);
  const merged: Company[] = [];
  const byName = new Map<string, Company>();
  const names = new Map<string, Claim>();
  const tickers = new Map<string, Claim>();

  const read = (dir: string) => {
    const parsed = parseRuleFile(dir, 'companies.yaml', CompaniesFile);
    parsed.data.forEach((company, index) => {
      const at = (path: (string | number)[]) => parsed.lineOf([index, ...path]);
      let target = byName.get(lookupKey(company.name));
      const extending = target !== undefined;
      if (!target) {
        target = { name: company.name, aliases: [], exact_case_aliases: [], former_names: [], tickers: [] };
        byName.set(lookupKey(company.name), target);
        merged.push(target);
      }
      const fields = [
        ['name', [company.name]],
        ['aliases', company.aliases],
        ['former_names', company.former_names],
        ['exact_case_aliases', company.exact_case_aliases],
      ] as const;
      for (const [field, values] of fields) {
        values.forEach((value, position) => {
          const path = field === 'name' ? [field] : [field, position];
          const line = at(path);
          const problem = check.problem(value, field === 'exact_case_aliases');
          if (problem) throw new RuleFileError(parsed.file, line, `${field} "${value}" ${problem}`);
          const key = lookupKey(value);
          const claim = names.get(key);
          if (claim && claim.company !== target.name) {
            const hint =
              field === 'name' && !extending
                ? `; to add names to ${claim.company}, use its canonical name "${claim.company}"`
                : '';
            throw new RuleFileError(
              parsed.file,
              line,
              `${field} "${value}" of ${company.name} is already a name of ${claim.company} (${where(claim)})${hint}`,
            );
          }
          if (!claim) names.set(key, { company: target.name, file: parsed.file, line });
          if (field !== 'name' && !target[field].includes(value)) target[field].push(value);
        });
      }
      company.tickers.forEach((ticker, position) => {
        const line = at(['tickers', position]);
        const key = ticker.symbol.toUpperCase();
        const claim = tickers.get(key);
        if (claim && claim.company !== target.name)
          throw new RuleFileError(
            parsed.file,
            line,
            `ticker ${ticker.symbol} of ${company.name} is already the ticker of ${claim.company} (${where(claim)})`,
          );
        if (!claim) tickers.set(key, { company: target.name, file: parsed.file, line });
        if (!target.tickers.some((known) => known.symbol.toUpperCase() === key && known.exchange === ticker.exchange))
          target.tickers.push(ticker);
      });
    });
  };

  read(projectDir);
  if (userDir !== null) {
    const problem = userRulesProblem(userDir);
    if (problem) throw new RuleFileError(userDir, null, problem);
    read(userDir);
  }
  return merged;
}
