import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isNode, type Node } from 'yaml';
import type { z } from 'zod';

/** A rule file that cannot be used: says which file, which line and why. */
export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly why: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${why}`);
    this.name = 'RuleFileError';
  }
}

/** A rule file read and validated, with the line of any value in it. */
export interface ParsedRuleFile<T> {
  file: string;
  data: T;
  /**
   * the line a value starts on, by its path in the file ([3, 'aliases', 1]); that of its nearest enclosing
   * value if it is missing
   */
  lineOf(path: (string | number)[]): number | null;
}

/** Reads one YAML rule file and validates it, mapping a schema error back to its line. */
export function parseRuleFile<S extends z.ZodTypeAny>(
  dir: string,
  name: string,
  schema: S,
): ParsedRuleFile<z.infer<S>> {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RuleFileError(
      file,
      null,
      `cannot read the rule file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new RuleFileError(
      file,
      lineCounter.linePos(first.pos[0]).line,
      `YAML syntax: ${first.message.split('\n')[0]}`,
    );
  }
  // A value that is missing ("tickers" left out) is placed at the nearest thing around it that is there.
  const lineOf = (path: (string | number)[]): number | null => {
    for (let depth = path.length; depth >= 1; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as Node | undefined;
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuleFileError(
      file,
      lineOf(issue.path as (string | number)[]),
      `${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
  }
  return { file, data: parsed.data, lineOf };
}

/** Reads one YAML rule file and validates it (see parseRuleFile). */
export function loadRuleFile<S extends z.ZodTypeAny>(dir: string, name: string, schema: S): z.infer<S> {
  return parseRuleFile(dir, name, schema).data;
}
