import { walkInputs } from '../ingest/files.js';
import type { IngestProgress } from '../pipeline.js';
import type { Output } from './io.js';

/** How many article files the paths hold (names only, nothing read), for the bar's total. */
export function countInputFiles(paths: string[]): number {
  let files = 0;
  for (const _ of walkInputs(paths, [])) files++;
  return files;
}

/**
 * Progress on stderr: a bar with total, rate and ETA when stderr is a terminal, nothing otherwise
 * (plain logs stay clean; the summary says what happened). `total` is only asked for on a terminal.
 */
export async function progressReporter(
  total: (() => number) | null,
  stream: Output,
): Promise<{ update(progress: IngestProgress): void; stop(): void }> {
  if (!stream.isTTY || total === null) return { update() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: ' {bar} {percentage}% | {value}/{total} articles | {failed} failed | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total(), 0, { failed: 0, rate: 0 });
  let stopped = false;
  return {
    update(progress) {
      if (stopped) return;
      const seconds = (Date.now() - started) / 1000;
      bar.update(progress.done, {
        failed: progress.failed,
        rate: seconds > 0 ? (progress.done / seconds).toFixed(1) : 0,
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
