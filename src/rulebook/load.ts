import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode, type Node } from 'yaml';
import type { z } from 'zod';
import { ActionsFile, AssetsFile, CompaniesFile, CuesFile, HedgesFile, PatternsFile, PurposesFile } from '../schema/rules.js';

/** A rule file that cannot be used: says which file, which line and why. */
export class RuleFileError extends Error {
  constructor(readonly file: string, readonly line: number | null, readonly why: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${why}`);
    this.name = 'RuleFileError';
  }
}

export const DEFAULT_RULES_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'rules');

/** Reads one YAML rule file and validates it, mapping a schema error back to its line. */
export function loadRuleFile<S extends z.ZodTypeAny>(dir: string, name: string, schema: S): z.infer<S> {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RuleFileError(file, null, `cannot read the rule file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new RuleFileError(file, lineCounter.linePos(first.pos[0]).line, `YAML syntax: ${first.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const node = document.getIn(issue.path as (string | number)[], true) as Node | undefined;
    const offset = isNode(node) && node.range ? node.range[0] : undefined;
    const line = offset === undefined ? null : lineCounter.linePos(offset).line;
    throw new RuleFileError(file, line, `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface RuleFiles {
  companies: CompaniesFile;
  assets: AssetsFile;
  actions: ActionsFile;
  hedges: HedgesFile;
  purposes: PurposesFile;
  cues: CuesFile;
  patterns: PatternsFile;
}

export function loadRuleFiles(dir = DEFAULT_RULES_DIR): RuleFiles {
  return {
    companies: loadRuleFile(dir, 'companies.yaml', CompaniesFile),
    assets: loadRuleFile(dir, 'assets.yaml', AssetsFile),
    actions: loadRuleFile(dir, 'actions.yaml', ActionsFile),
    hedges: loadRuleFile(dir, 'hedges.yaml', HedgesFile),
    purposes: loadRuleFile(dir, 'purposes.yaml', PurposesFile),
    cues: loadRuleFile(dir, 'cues.yaml', CuesFile),
    patterns: loadRuleFile(dir, 'patterns.yaml', PatternsFile),
  };
}
