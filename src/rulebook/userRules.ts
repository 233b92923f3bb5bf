import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A rules folder of the user's own, read beside the project's rules/ without editing them:
 * DATLEDGER_RULES=DIR, which the global --rules DIR option sets (worker threads inherit the
 * environment, so they read the same folder). Only lightweight imports here: the CLI checks the
 * folder before a command loads anything.
 */
export const USER_RULES_ENV = 'DATLEDGER_RULES';

/** The files a user rules folder may hold. */
export const USER_RULE_FILES = ['companies.yaml'] as const;

/** The user's rules folder, as an absolute path, or null when none is set. */
export function userRulesDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env[USER_RULES_ENV];
  return dir ? resolve(dir) : null;
}

/**
 * Why the user rules folder `dir` cannot be used, in words for the user (to follow its name), or null: it must exist,
 * hold companies.yaml, and no other rule file (one that would be silently ignored).
 */
export function userRulesProblem(dir: string): string | null {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return `the rules folder (--rules or $${USER_RULES_ENV}) is not a folder`;
    names = readdirSync(dir);
  } catch {
    return `the rules folder (--rules or $${USER_RULES_ENV}) does not exist`;
  }
  const ignored = names.filter(
    (name) => /\.ya?ml$/i.test(name) && !(USER_RULE_FILES as readonly string[]).includes(name),
  );
  if (ignored.length > 0)
    return (
      `a rules folder of your own may hold only ${USER_RULE_FILES.join(', ')}; ` +
      `${ignored.sort().join(', ')} would be ignored`
    );
  if (!names.includes('companies.yaml'))
    return `the rules folder (--rules or $${USER_RULES_ENV}) has no companies.yaml`;
  return null;
}
