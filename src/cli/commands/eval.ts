import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { dropsBelow, pinnedSetOf, pinScores, type Baseline } from '../../eval/floors.js';
import type { GoldScore } from '../../eval/score.js';
import { EXIT, UsageError } from '../common.js';
import type { CliIo } from '../io.js';

export interface EvalOptions {
  gold: string[];
  baseline?: string;
  writeBaseline?: boolean;
  verbose?: boolean;
  json?: boolean;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Scores extraction against gold folders. With --baseline, fails (exit 1) when a folder's figures
 * drop below the floors pinned there, as trafilatura's eval gate does.
 */
export async function evalCommand(options: EvalOptions, io: CliIo): Promise<number> {
  const { scoreGold } = await import('../../eval/score.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const rulebook = defaultRulebook();
  const dirs = options.gold.filter((dir) => {
    if (existsSync(dir)) return true;
    io.stderr.write(`datledger eval: ${dir} not found, skipped\n`);
    return false;
  });
  if (dirs.length === 0) throw new UsageError('no gold folder found (--gold DIR)');
  const scores: GoldScore[] = [];
  for (const dir of dirs) scores.push(await scoreGold(dir, rulebook));
  if (options.json) io.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
  else for (const score of scores) printScore(score, options.verbose ?? false, io);

  if (!options.baseline) return EXIT.ok;
  if (options.writeBaseline) {
    writeFileSync(
      options.baseline,
      `${JSON.stringify(
        pinScores(scores, (score) => basename(resolve(score.dir))),
        null,
        2,
      )}\n`,
    );
    io.stdout.write(`baseline written to ${options.baseline}\n`);
    return EXIT.ok;
  }
  if (!existsSync(options.baseline))
    throw new UsageError(`--baseline ${options.baseline}: not found (create it with --write-baseline)`);
  const baseline = JSON.parse(readFileSync(options.baseline, 'utf8')) as Baseline;
  if (!Array.isArray(baseline.sets))
    throw new UsageError(`--baseline ${options.baseline}: no "sets" list (write it again with --write-baseline)`);
  const drops: string[] = [];
  for (const score of scores) {
    const floor = pinnedSetOf(score, baseline);
    if (floor) drops.push(...dropsBelow(score, floor));
    else
      io.stderr.write(
        `datledger eval: no floors pinned for ${score.dir} (its cases match no set in ${options.baseline})\n`,
      );
  }
  for (const drop of drops) io.stderr.write(`datledger eval: ${drop}\n`);
  return drops.length ? EXIT.someInputsFailed : EXIT.ok;
}

function printScore(score: GoldScore, verbose: boolean, io: CliIo) {
  const lines = [
    `== ${score.dir} (${score.cases} articles)`,
    `events: precision ${pct(score.precision)}  recall ${pct(score.recall)}  F1 ${pct(score.f1)}  ` +
      `(tp ${score.truePositives}, fp ${score.falsePositives}, fn ${score.falseNegatives})`,
    `fields: ${Object.entries(score.fields)
      .map(([field, value]) => `${field} ${pct(value.accuracy)}`)
      .join('  ')}`,
    `published date found: ${pct(score.published.accuracy)} ` +
      `(${score.published.right} of ${score.published.total} pages)`,
  ];
  if (score.dedup)
    lines.push(
      'dedup (pairwise, across articles): ' +
        `precision ${pct(score.dedup.precision)}  recall ${pct(score.dedup.recall)}  ` +
        `(gold pairs ${score.dedup.goldPairs}, predicted ${score.dedup.predictedPairs})`,
    );
  for (const missed of score.missed) lines.push(`  missed:   ${missed}`);
  for (const spurious of score.spurious) lines.push(`  spurious: ${spurious}`);
  if (verbose) for (const error of score.dedup?.errors ?? []) lines.push(`  dedup:    ${error}`);
  if (verbose) for (const error of score.published.errors) lines.push(`  published: ${error}`);
  if (verbose) for (const error of score.fieldErrors) lines.push(`  field:    ${error}`);
  else if (score.fieldErrors.length) lines.push(`  (${score.fieldErrors.length} field errors; --verbose lists them)`);
  io.stdout.write(`${lines.join('\n')}\n\n`);
}
