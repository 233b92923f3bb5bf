import { readFileSync } from 'node:fs';
import { badDateReason } from '../../ingest/statedDate.js';
import { EXIT, openRepository, UsageError } from '../common.js';
import { debugWarnings } from '../debug.js';
import { printSummary } from '../printSummary.js';
import { countInputFiles, progressReporter } from '../progress.js';
import type { CliIo } from '../io.js';

export interface IngestOptions {
  db?: string;
  urls?: string;
  published?: string;
  maxBytes?: string;
  ignoreRobots?: boolean;
  concurrency?: string;
  timings?: boolean;
}

const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

/** Exit code of a run stopped with Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130;

/** A whole number of at least 1, or a usage error naming the option. */
function positiveInteger(option: string, value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1)
    throw new UsageError(`${option} ${value}: expected ${what}, a whole number of at least 1`);
  return number;
}

export async function ingestCommand(inputs: string[], options: IngestOptions, io: CliIo): Promise<number> {
  const started = performance.now();
  const maxBytes = positiveInteger('--max-bytes', options.maxBytes, 'a size in bytes');
  const concurrency = positiveInteger('--concurrency', options.concurrency, 'how many URLs to fetch at once');
  // A wrong batch date would misdate every relative phrase of every page that shows none: refused before
  // anything is read.
  const badDate = options.published === undefined ? null : badDateReason(options.published);
  if (badDate) throw new UsageError(`--published ${options.published}: ${badDate}`);
  const published = options.published?.trim();
  // Big folders are analysed on worker threads: this thread loads cheerio and compromise only if it needs them.
  const { IngestFlow } = await import('../../ingestFlow.js');
  const { deferredAnalyzer } = await import('../../parallel/inThreadAnalyzer.js');
  const { formatTimings, newStageTimings, timingsRequested } = await import('../../parallel/timings.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  let urls = inputs.filter(isUrl);
  const paths = inputs.filter((input) => !isUrl(input));
  if (options.urls) {
    const { parseUrlList } = await import('../../ingest/fetch/index.js');
    let text: string;
    try {
      text = readFileSync(options.urls, 'utf8');
    } catch {
      throw new UsageError(`--urls ${options.urls}: cannot read the URL list`);
    }
    urls = [...urls, ...parseUrlList(text)];
  }
  if (paths.length === 0 && urls.length === 0)
    throw new UsageError('nothing to ingest: give files, folders or URLs (see datledger ingest --help)');

  const rulebook = defaultRulebook();
  const repository = openRepository(options.db, 'create');
  // The bar needs a total: the files are counted (names only) first, on a terminal only.
  const progress = await progressReporter(
    io.stderr.isTTY ? () => countInputFiles(paths) + urls.length : null,
    io.stderr,
  );
  const timings = timingsRequested(options.timings) ? newStageTimings() : undefined;
  let doneBefore = 0;
  const pipeline = new IngestFlow(
    repository,
    rulebook,
    deferredAnalyzer(),
    (p) => progress.update({ ...p, done: doneBefore + p.done }),
    { timings, onWarning: debugWarnings(io) },
  );
  const stop = stopOnInterrupt(() => progress.stop(), io);
  /** URLs still being fetched when the run was stopped. */
  let abandoned = 0;
  try {
    // Large folders go to worker threads; small ones (under 500 files) run here, with no pool start-up.
    const summary = await pipeline.ingestPathsAsync(paths, { maxBytes, signal: stop.signal, published });
    doneBefore = summary.articles + summary.alreadyKnown;
    if (urls.length > 0 && !stop.signal.aborted) {
      const { fetchUrls } = await import('../../ingest/urls.js');
      const fetched = await fetchUrls(
        urls,
        repository,
        { ignoreRobots: options.ignoreRobots, maxBytes, concurrency },
        stop.signal,
      );
      abandoned = fetched.notFetched.length;
      if (published) for (const document of fetched.documents) document.publishedFallback = published;
      const more = await pipeline.ingestDocumentsAsync(fetched.documents, fetched.failed, stop.signal);
      Object.assign(summary, {
        articles: summary.articles + more.articles,
        alreadyKnown: summary.alreadyKnown + more.alreadyKnown + fetched.unchanged,
        mentions: summary.mentions + more.mentions,
        events: more.events,
        openConflicts: more.openConflicts,
        failed: [...summary.failed, ...more.failed],
        interrupted: summary.interrupted || more.interrupted || abandoned > 0,
        redated: (summary.redated ?? 0) + (more.redated ?? 0) || undefined,
      });
    } else if (urls.length > 0) summary.interrupted = true;
    progress.stop();
    printSummary(summary, io);
    if (timings) {
      const { mode, workers, fallbacks, bytes } = pipeline.lastRun;
      const usage = process.resourceUsage();
      const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
      io.stderr.write(
        formatTimings({
          mode,
          workers,
          fallbacks,
          articles: summary.articles,
          bytes,
          wallMs: Math.round(performance.now() - started),
          cpuMs,
          maxRssMb: Math.round(usage.maxRSS / 1024),
          stages: timings,
        }),
      );
    }
    if (summary.interrupted) {
      if (abandoned > 0) io.stderr.write(`datledger: ${abandoned} URL(s) not fetched (interrupted)\n`);
      io.stderr.write(
        'datledger: interrupted: the articles above are stored and reconciled; the rest was not read. ' +
          'Run the same command again to go on (stored articles are skipped).\n',
      );
      // Requests still open would keep the process alive until they end; everything is written and closed by then.
      if (abandoned > 0) setImmediate(() => process.exit(INTERRUPTED));
      return INTERRUPTED;
    }
    return summary.failed.length > 0 ? EXIT.someInputsFailed : EXIT.ok;
  } finally {
    stop.dispose();
    progress.stop();
    repository.db.close();
  }
}

/**
 * The first Ctrl-C asks the run to stop after the article at hand, then store and reconcile what
 * was read; a second one quits at once (every committed batch is kept, and the next run
 * reconciles whatever it left unreconciled).
 */
function stopOnInterrupt(beforeMessage: () => void, io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    beforeMessage();
    if (controller.signal.aborted) {
      io.stderr.write('datledger: stopped at once; what was committed is kept, and the next ingest reconciles it.\n');
      process.exit(INTERRUPTED);
    }
    io.stderr.write(
      '\ndatledger: stopping after the current article (pages still being fetched are left): ' +
        'what was read is stored and reconciled (Ctrl-C again to quit at once) ...\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}
