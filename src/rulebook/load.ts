import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ActionsFile,
  AssetsFile,
  CompaniesFile,
  CuesFile,
  HedgesFile,
  NotANameFile,
  NumbersFile,
  OrganizationsFile,
  PatternsFile,
  PurposesFile,
} from '../schema/rules.js';
import { loadCompanies } from './companies.js';
import { loadRuleFile } from './ruleFile.js';

export { loadRuleFile, parseRuleFile, RuleFileError, type ParsedRuleFile } from './ruleFile.js';

export const DEFAULT_RULES_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'rules');

export interface RuleFiles {
  /** the project's companies, with those of the user's rules folder merged in */
  companies: CompaniesFile;
  notAName: NotANameFile;
  /** the rules folder of the user's own read beside the project's, if any */
  userDir: string | null;
  assets: AssetsFile;
  actions: ActionsFile;
  hedges: HedgesFile;
  purposes: PurposesFile;
  cues: CuesFile;
  patterns: PatternsFile;
  /** shapes of organisations no lexicon lists (src/extract/organizations.ts) */
  organizations: OrganizationsFile;
  /** magnitudes, currencies, quantity modifiers: the number grammar of extract and normalize */
  numbers: NumbersFile;
}

/**
 * The rule files of `dir` (the project's rules/), and the companies of `userDir`, a rules folder of
 * the user's own (see userRules.ts), merged into the project's.
 */
export function loadRuleFiles(dir = DEFAULT_RULES_DIR, userDir: string | null = null): RuleFiles {
  const notAName = loadRuleFile(dir, 'not_a_name.yaml', NotANameFile);
  return {
    companies: loadCompanies(dir, userDir, notAName),
    notAName,
    userDir,
    assets: loadRuleFile(dir, 'assets.yaml', AssetsFile),
    actions: loadRuleFile(dir, 'actions.yaml', ActionsFile),
    hedges: loadRuleFile(dir, 'hedges.yaml', HedgesFile),
    purposes: loadRuleFile(dir, 'purposes.yaml', PurposesFile),
    cues: loadRuleFile(dir, 'cues.yaml', CuesFile),
    patterns: loadRuleFile(dir, 'patterns.yaml', PatternsFile),
    organizations: loadRuleFile(dir, 'organizations.yaml', OrganizationsFile),
    numbers: loadRuleFile(dir, 'numbers.yaml', NumbersFile),
  };
}
