import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every module a source file reaches by its imports, static or dynamic (`import('...')`): paths of
 * src/ relative to the repository, packages by name. A dynamic import counts, so the check holds
 * whichever branch runs.
 */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('src/')) continue;
    const text = readFileSync(join(root, file), 'utf8');
    // Type-only imports are erased by the compiler: they load nothing.
    for (const match of text.matchAll(
      /^(?:import|export)\s+(?!type\b)[^;']*?from\s*'([^']+)'|^import\s*'([^']+)'|\bimport\(\s*'([^']+)'/gm,
    )) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier.startsWith('.')) {
        pending.push(specifier.startsWith('node:') ? specifier : specifier.split('/')[0]);
        continue;
      }
      const target = relative(root, resolve(root, dirname(file), specifier.replace(/\.js$/, '.ts')));
      if (existsSync(join(root, target))) pending.push(target);
    }
  }
  return seen;
}

/** What clean + extract load: about a second and ~50 MB that re-reconciling does not need. */
const analyser = (module: string) =>
  /^(cheerio|compromise|chrono-node)$|^src\/(analyze\.ts|clean\/|extract\/|rulebook\/compile\.ts)/.test(module);

describe('re-reconciling stored blocks', () => {
  it('reaches none of the analyser modules (review decisions and their undoing, forget)', () => {
    for (const entry of ['src/ledger/reconcileStored.ts', 'src/review/decide.ts', 'src/cli/commands/forget.ts']) {
      expect([...reachable(entry)].filter(analyser), entry).toEqual([]);
    }
  });

  it('is told apart from the ingest flow, which does reach them', () => {
    const modules = reachable('src/pipeline.ts');
    for (const module of ['cheerio', 'compromise', 'src/analyze.ts', 'src/extract/index.ts'])
      expect(modules.has(module), module).toBe(true);
  });
});
