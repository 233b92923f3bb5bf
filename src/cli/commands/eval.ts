import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../common.js';

export interface EvalOptions { gold: string[]; baseline?: string; writeBaseline?: boolean; verbose?: boolean; json?: boolean }

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Scores extraction against gold folders. With --baseline, fails (exit 1) when a folder's figures
 * drop below the floors pinned there, as trafilatura's eval gate does.
 */
export async function evalCommand(options: EvalOptions): Promise<number> {
  const { scoreGold } = await import('../../eval/score.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const rulebook = defaultRulebook();
  const dirs = options.gold.filter((dir) => {
    if (existsSync(dir)) return true;
    process.stderr.write(`datledger eval: ${dir} not found, skipped\n`);
    return false;
  });
  if (dirs.length === 0) throw new UsageError('no gold folder found (--gold DIR)');
  const scores = dirs.map((dir) => scoreGold(dir, rulebook));
  if (options.json) process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
  else for (const score of scores) printScore(score, options.verbose ?? false);

  if (!options.baseline) return EXIT.ok;
  type Floors = Record<string, { event_f1?: number; event_precision?: number; event_recall?: number; dedup_precision?: number; dedup_recall?: number; fields?: Record<string, number> }>;
  if (options.writeBaseline) {
    const floors: Floors = {};
    for (const score of scores) floors[score.dir] = { event_f1: score.f1, event_precision: score.precision, event_recall: score.recall, ...(score.dedup ? { dedup_precision: score.dedup.precision, dedup_recall: score.dedup.recall } : {}), fields: Object.fromEntries(Object.entries(score.fields).map(([field, value]) => [field, value.accuracy])) };
    writeFileSync(options.baseline, `${JSON.stringify(floors, null, 2)}\n`);
    process.stdout.write(`baseline written to ${options.baseline}\n`);
    return EXIT.ok;
  }
  if (!existsSync(options.baseline)) throw new UsageError(`--baseline ${options.baseline}: not found (create it with --write-baseline)`);
  const floors = JSON.parse(readFileSync(options.baseline, 'utf8')) as Floors;
  const drops: string[] = [];
  for (const score of scores) {
    const floor = floors[score.dir];
    if (!floor) continue;
    const check = (name: string, value: number, min: number | undefined) => {
      if (min !== undefined && value + 1e-9 < min) drops.push(`${score.dir}: ${name} ${value} below the pinned floor ${min}`);
    };
    check('event F1', score.f1, floor.event_f1);
    check('event precision', score.precision, floor.event_precision);
    check('event recall', score.recall, floor.event_recall);
    if (score.dedup) {
      check('dedup precision', score.dedup.precision, floor.dedup_precision);
      check('dedup recall', score.dedup.recall, floor.dedup_recall);
    }
    for (const [field, min] of Object.entries(floor.fields ?? {})) check(`${field} accuracy`, score.fields[field as keyof typeof score.fields]?.accuracy ?? 0, min);
  }
  for (const drop of drops) process.stderr.write(`datledger eval: ${drop}\n`);
  return drops.length ? EXIT.someInputsFailed : EXIT.ok;
}

function printScore(score: Awaited<ReturnType<typeof import('../../eval/score.js').scoreGold>>, verbose: boolean) {
  const lines = [
    `== ${score.dir} (${score.cases} articles)`,
    `events: precision ${pct(score.precision)}  recall ${pct(score.recall)}  F1 ${pct(score.f1)}  (tp ${score.truePositives}, fp ${score.falsePositives}, fn ${score.falseNegatives})`,
    `fields: ${Object.entries(score.fields).map(([field, value]) => `${field} ${pct(value.accuracy)}`).join('  ')}`,
  ];
  if (score.dedup) lines.push(`dedup (pairwise, across articles): precision ${pct(score.dedup.precision)}  recall ${pct(score.dedup.recall)}  (gold pairs ${score.dedup.goldPairs}, predicted ${score.dedup.predictedPairs})`);
  for (const missed of score.missed) lines.push(`  missed:   ${missed}`);
  for (const spurious of score.spurious) lines.push(`  spurious: ${spurious}`);
  if (verbose) for (const error of score.dedup?.errors ?? []) lines.push(`  dedup:    ${error}`);
  if (verbose) for (const error of score.fieldErrors) lines.push(`  field:    ${error}`);
  else if (score.fieldErrors.length) lines.push(`  (${score.fieldErrors.length} field errors; --verbose lists them)`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
