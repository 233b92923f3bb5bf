/**
 * `npm run bench`: the throughput benchmark (issues 8 and 13).
 *
 *   1. writes N seeded, realistic articles to a temporary folder (src/bench/corpus.ts: most pages
 *      report nothing, few texts are alike);
 *   2. baselines over the same files: a plain regex keyword scan (the ceiling) and compromise over
 *      every sentence (the naive pipeline, measured on a sample and extrapolated);
 *   3. runs the real `datledger ingest DIR --db FILE` in a child process and reads the timings it
 *      reports (DATLEDGER_TIMINGS=1): articles/s, MB/s, time per stage, peak RSS, database size;
 *   4. the same ingest on N articles of the syndication-heavy corpus (src/bench/syndication.ts:
 *      nearly every page a reprint of a press release, templates reused with new names and figures);
 *   5. the growth from G to 4G articles on each corpus (fresh corpora, fresh databases): the ratio
 *      of wall and CPU time, of the origin stage, and peak RSS at both;
 *   6. reconciles 1,000,000 synthetic mentions in a child process: time and peak RSS;
 *   7. analyses the adversarial inputs of src/bench/adversarial.ts (one short unit repeated, markup
 *      nested deep) in this process, each at 3 KB and at 1 MB, and reports the slowest at each size
 *      (the robustness tests check these inputs are read correctly; how long they take is measured here);
 *   8. times `datledger --help`.
 *
 * Options: --n N (20000)  --seed S  --corpus today|syndication|both (both)  --growth G (2000, 0
 * skips)  --mentions M (1000000, 0 skips)  --sample K (200, 0 skips the naive baseline)
 * --workers W (DATLEDGER_WORKERS for the ingest)  --dir DIR (reuse a corpus of today's kind)
 * --keep (keep the temporary folder)  --json (one JSON line at the end).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIMINGS_JSON_PREFIX, type TimingReport } from '../parallel/timings.js';
import { writeCorpus, type CorpusStats } from './corpus.js';
import { writeSyndicatedCorpus } from './syndication.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'datledger.js');

type CorpusKind = 'today' | 'syndication';

interface Options {
  n: number;
  seed: number;
  corpora: CorpusKind[];
  growth: number;
  mentions: number;
  sample: number;
  workers: string | undefined;
  dir: string | null;
  keep: boolean;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    n: 20_000,
    seed: 20260209,
    corpora: ['today', 'syndication'],
    growth: 2_000,
    mentions: 1_000_000,
    sample: 200,
    workers: undefined,
    dir: null,
    keep: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--n') options.n = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--corpus') {
      const kind = value();
      if (kind !== 'today' && kind !== 'syndication' && kind !== 'both')
        throw new Error(`--corpus takes today, syndication or both, not ${kind}`);
      options.corpora = kind === 'both' ? ['today', 'syndication'] : [kind];
    } else if (arg === '--growth') options.growth = Number(value());
    else if (arg === '--mentions') options.mentions = Number(value());
    else if (arg === '--sample') options.sample = Number(value());
    else if (arg === '--workers') options.workers = value();
    else if (arg === '--dir') options.dir = value();
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--json') options.json = true;
    else throw new Error(`unknown option ${arg} (see src/bench/run.ts)`);
  }
  return options;
}

const log = (line = '') => process.stdout.write(`${line}\n`);
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const mb = (bytes: number) => bytes / 1e6;

/** Every article file under dir, sorted as the ingest walks them. */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(?:txt|md|html?)$/i.test(name)) files.push(path);
    }
  };
  walk(dir);
  return files;
}

/** The ceiling: read every file and run one keyword regex over it; no cleaning, no extraction. */
function regexCeiling(files: string[]) {
  const keywords =
    /\b(?:sold|sells|bought|buys|acquired|purchased|added|transferred|moved|mined|produced|sale|purchase|acquisition|transfer)\b/gi;
  let hits = 0;
  let bytes = 0;
  const started = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    hits += text.match(keywords)?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    articles: files.length,
    seconds,
    articlesPerSecond: files.length / seconds,
    mbPerSecond: mb(bytes) / seconds,
    hits,
  };
}

/** The naive pipeline: our cleaner, then compromise over every sentence. Measured on a sample. */
async function naivePipeline(files: string[], sample: number) {
  const { default: nlp } = await import('compromise');
  const { cleanDocument } = await import('../clean/index.js');
  const { readArticleFile } = await import('../ingest/files.js');
  const { splitSentences } = await import('../extract/sentences.js');
  const step = Math.max(1, Math.floor(files.length / sample));
  const picked = files.filter((_, index) => index % step === 0).slice(0, sample);
  // Warm up (JIT, compromise's lexicon) outside the clock.
  nlp('Cango sold 4,451 BTC on Monday.').organizations().out('array');
  let sentences = 0;
  let cleanMs = 0;
  let nlpMs = 0;
  for (const file of picked) {
    const raw = readArticleFile(file);
    if ('input' in raw) continue;
    let started = performance.now();
    const article = cleanDocument(raw);
    cleanMs += performance.now() - started;
    started = performance.now();
    for (const line of article.lines) {
      for (const sentence of splitSentences(line.text)) {
        nlp(sentence.text).organizations().out('array');
        sentences++;
      }
    }
    nlpMs += performance.now() - started;
  }
  const seconds = (cleanMs + nlpMs) / 1000;
  return {
    articles: picked.length,
    sentences,
    seconds,
    cleanSeconds: cleanMs / 1000,
    nlpSeconds: nlpMs / 1000,
    articlesPerSecond: picked.length / seconds,
  };
}

/** Runs a child and reports wall time, its stdout and stderr. */
function runChild(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ wallMs: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ wallMs: performance.now() - started, code, stdout, stderr }));
  });
}

async function ingest(dir: string, db: string, workers: string | undefined) {
  const env = {
    ...process.env,
    DATLEDGER_TIMINGS: '1',
    ...(workers !== undefined ? { DATLEDGER_WORKERS: workers } : {}),
  };
  const result = await runChild([CLI, 'ingest', dir, '--db', db], env);
  const line = result.stderr.split('\n').find((candidate) => candidate.startsWith(TIMINGS_JSON_PREFIX));
  if (!line) throw new Error(`ingest printed no timings (exit ${result.code}):\n${result.stderr.slice(-2000)}`);
  const report = JSON.parse(line.slice(TIMINGS_JSON_PREFIX.length)) as TimingReport & { cpuMs?: number };
  const size = (suffix: string) => (existsSync(db + suffix) ? statSync(db + suffix).size : 0);
  return { report, processWallMs: result.wallMs, summary: result.stdout.trim(), dbBytes: size('') + size('-wal') };
}

async function reconcileMillion(count: number) {
  const result = await runChild([join(ROOT, 'dist', 'bench', 'reconcileBench.js'), String(count)], process.env);
  if (result.code !== 0) throw new Error(`reconcile benchmark failed:\n${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
    mentions: number;
    blocks: number;
    events: number;
    openEvents: number;
    generateMs: number;
    reconcileMs: number;
    reconcileCpuMs: number;
    rssAfterGenerateMb: number;
    peakRssMb: number;
  };
}

/** The adversarial inputs timed one by one (the analyser is loaded here, not when the bench starts). */
async function adversarialTimes() {
  const { timeAdversarialInputs } = await import('./adversarial.js');
  const { defaultRulebook } = await import('../rulebook/compile.js');
  const timings = timeAdversarialInputs(defaultRulebook());
  const slowest = (size: 'smallMs' | 'largeMs') =>
    timings.reduce((worst, item) => (item[size] > worst[size] ? item : worst));
  return { timings, slowestSmall: slowest('smallMs'), slowestLarge: slowest('largeMs') };
}

function helpTime(): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [CLI, '--help'], { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] / 1000;
}

const CORPUS_LABEL: Record<CorpusKind, string> = { today: "today's corpus", syndication: 'syndication-heavy corpus' };

function writeKind(kind: CorpusKind, dir: string, n: number, seed: number): CorpusStats {
  return kind === 'today' ? writeCorpus(dir, n, seed) : writeSyndicatedCorpus(dir, n, seed);
}

/**
 * One ingest of a corpus into a fresh database, printed as a line and its stages; returns the figures
 * compared across runs.
 */
async function measuredIngest(
  label: string,
  dir: string,
  db: string,
  workers: string | undefined,
  corpusBytes: number,
) {
  const run = await ingest(dir, db, workers);
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  const r = run.report;
  const seconds = run.processWallMs / 1000;
  const rate = r.articles / seconds;
  log(
    `ingest   ${label} (${r.mode}${r.mode === 'pool' ? `, ${r.workers} workers` : ''}): ` +
      `${r.articles} articles in ${fixed(seconds, 2)} s (process) = ${Math.round(rate)} articles/s, ` +
      `${fixed(mb(corpusBytes) / seconds, 2)} MB/s; ` +
      `CPU ${fixed((r.cpuMs ?? 0) / 1000)} s (${fixed((r.cpuMs ?? 0) / 1000 / seconds, 2)} cores busy); ` +
      `peak RSS ${r.maxRssMb} MB; database ${fixed(mb(run.dbBytes))} MB`,
  );
  const s = r.stages;
  const stage = (name: string, ms: number) => `${name} ${fixed(ms / 1000, 2)} s`;
  const stages = [
    stage('read', s.read),
    stage('clean', s.clean),
    stage('extract', s.extract),
    stage('normalize', s.normalize),
    stage('minhash', s.minhash),
    stage('origin', s.origin),
    stage('store', s.store),
    stage('reconcile', s.reconcileLoad + s.reconcile + s.reconcileWrite),
    stage('main-thread wait', s.wait),
  ];
  log(`  stages (thread time; worker stages summed over workers): ${stages.join(', ')}`);
  log(`  ${run.summary.split('\n').join('; ')}`);
  return {
    ...r,
    processWallMs: Math.round(run.processWallMs),
    dbBytes: run.dbBytes,
    articlesPerSecond: rate,
    mbPerSecond: mb(corpusBytes) / seconds,
    seconds,
    cpuSeconds: (r.cpuMs ?? 0) / 1000,
    originSeconds: s.origin / 1000,
  };
}

/** What a written corpus holds and how long writing it took, as the bench prints it after its label. */
function describeCorpus(corpus: CorpusStats, started: number): string {
  return (
    `${corpus.files} files, ${fixed(mb(corpus.bytes))} MB (${corpus.html} HTML, ${corpus.text} text; ` +
    `${corpus.withTransactions} report a transaction, ${corpus.reprints} reprints, ${corpus.duplicates} duplicates), ` +
    `written in ${fixed((performance.now() - started) / 1000)} s`
  );
}

/** Writes a fresh corpus of `kind` and `n` articles under `work`, ingests it, removes it. */
async function corpusRun(kind: CorpusKind, n: number, options: Options, work: string) {
  const dir = join(work, `${kind}-${n}`);
  const started = performance.now();
  const corpus = writeKind(kind, dir, n, options.seed);
  log(`corpus   ${CORPUS_LABEL[kind]}: ${describeCorpus(corpus, started)}`);
  try {
    return {
      corpus,
      ingest: await measuredIngest(
        `${CORPUS_LABEL[kind]}, N = ${n}`,
        dir,
        join(work, `${kind}-${n}.db`),
        options.workers,
        corpus.bytes,
      ),
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'datledger-bench-'));
  const results: Record<string, unknown> = {
    n: options.n,
    seed: options.seed,
    cores: availableParallelism(),
    loadBefore: loadavg().map((value) => Number(value.toFixed(2))),
  };
  try {
    log(
      `datledger bench: N = ${options.n}, seed ${options.seed}, ${availableParallelism()} cores, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    if (loadavg()[0] > availableParallelism())
      log('  (the machine is busy: wall-clock figures will be pessimistic; CPU figures are given beside them)');

    let rate = 0;
    let naive: Awaited<ReturnType<typeof naivePipeline>> | null = null;
    let ceiling: ReturnType<typeof regexCeiling> | null = null;
    if (options.corpora.includes('today')) {
      let dir = options.dir;
      let corpus: CorpusStats | null = null;
      if (!dir) {
        dir = join(work, 'corpus');
        const started = performance.now();
        corpus = writeCorpus(dir, options.n, options.seed);
        log(`corpus: ${describeCorpus(corpus, started)}`);
        results.corpus = corpus;
      }
      const files = listFiles(dir);
      const corpusBytes = corpus?.bytes ?? files.reduce((sum, file) => sum + statSync(file).size, 0);

      ceiling = regexCeiling(files);
      results.ceiling = ceiling;
      log(
        `ceiling  (read + one keyword regex): ` +
          `${Math.round(ceiling.articlesPerSecond)} articles/s, ${fixed(ceiling.mbPerSecond)} MB/s`,
      );

      if (options.sample > 0) {
        naive = await naivePipeline(files, options.sample);
        results.naive = naive;
        log(
          'naive    (clean + compromise on every sentence, ' +
            `${naive.articles}-article sample, ${naive.sentences} sentences): ` +
            `${fixed(naive.articlesPerSecond)} articles/s; ` +
            `${Math.round(files.length / naive.articlesPerSecond)} s extrapolated to ${files.length} articles`,
        );
      }

      const measured = await measuredIngest(
        CORPUS_LABEL.today,
        dir,
        join(work, 'bench.db'),
        options.workers,
        corpusBytes,
      );
      rate = measured.articlesPerSecond;
      results.ingest = measured;
      if (!options.dir && !options.keep) rmSync(dir, { recursive: true, force: true });
    }

    if (options.corpora.includes('syndication')) {
      const syndicated = await corpusRun('syndication', options.n, options, work);
      results.syndication = syndicated;
    }

    if (options.growth > 0) {
      const growth: Record<string, unknown> = {};
      for (const kind of options.corpora) {
        const small = (await corpusRun(kind, options.growth, options, work)).ingest;
        const large = (await corpusRun(kind, 4 * options.growth, options, work)).ingest;
        const ratio = (a: number, b: number) => (a > 0 ? b / a : Number.NaN);
        const figures = {
          small: options.growth,
          large: 4 * options.growth,
          wall: ratio(small.seconds, large.seconds),
          cpu: ratio(small.cpuSeconds, large.cpuSeconds),
          origin: ratio(small.originSeconds, large.originSeconds),
          rssMb: [small.maxRssMb, large.maxRssMb],
        };
        growth[kind] = figures;
        log(
          `growth   ${CORPUS_LABEL[kind]}, ${options.growth} -> ${4 * options.growth} articles (4x): ` +
            `time x${fixed(figures.wall, 2)} (wall), x${fixed(figures.cpu, 2)} (CPU); ` +
            `origin stage x${fixed(figures.origin, 2)} (${fixed(small.originSeconds, 2)} -> ${fixed(large.originSeconds, 2)} s); ` +
            `peak RSS ${small.maxRssMb} -> ${large.maxRssMb} MB`,
        );
      }
      results.growth = growth;
    }

    if (options.mentions > 0) {
      const reconciled = await reconcileMillion(options.mentions);
      results.reconcile = reconciled;
      log(
        `reconcile: ${reconciled.mentions} synthetic mentions in ${reconciled.blocks} blocks -> ` +
          `${reconciled.events} events (${reconciled.openEvents} with open conflicts) ` +
          `in ${fixed(reconciled.reconcileMs / 1000, 2)} s (CPU ${fixed(reconciled.reconcileCpuMs / 1000, 2)} s); ` +
          `peak RSS ${reconciled.peakRssMb} MB (${reconciled.rssAfterGenerateMb} MB of it the mentions themselves)`,
      );
    }

    const adversarial = await adversarialTimes();
    results.adversarial = adversarial.timings;
    log(
      `adversarial (${adversarial.timings.length} inputs, analysed one at a time): slowest at 3 KB ` +
        `${fixed(adversarial.slowestSmall.smallMs)} ms (${adversarial.slowestSmall.name}), ` +
        `at 1 MB ${fixed(adversarial.slowestLarge.largeMs / 1000, 2)} s (${adversarial.slowestLarge.name})`,
    );

    const help = helpTime();
    results.helpSeconds = help;
    log(`datledger --help: ${fixed(help, 3)} s (median of 5)`);

    if (ceiling) {
      const parts = [`ingest ${Math.round(rate)} articles/s`];
      if (naive)
        parts.push(
          `${fixed(rate / naive.articlesPerSecond)}x the naive pipeline (${fixed(naive.articlesPerSecond)} articles/s)`,
        );
      parts.push(
        `${fixed((100 * rate) / ceiling.articlesPerSecond)}% of the regex ceiling ` +
          `(${Math.round(ceiling.articlesPerSecond)} articles/s)`,
      );
      log(`comparison (today's corpus): ${parts.join(', ')}`);
    }
    results.loadAfter = loadavg().map((value) => Number(value.toFixed(2)));
    if (options.json) log(JSON.stringify(results));
  } finally {
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
