import type { IngestProgress } from '../pipeline.js';

/**
 * Progress on stderr: a bar when stderr is a terminal, nothing otherwise (plain logs stay clean;
 * the summary says what happened).
 */
export async function progressReporter(total: number | null): Promise<{ update(progress: IngestProgress): void; stop(): void }> {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: total ? ' {bar} {value}/{total} articles | {failed} failed | {rate}/s' : ' {value} articles | {failed} failed | {rate}/s',
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(total ?? 0, 0, { failed: 0, rate: 0 });
  return {
    update(progress) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(progress.done, { failed: progress.failed, rate: seconds > 0 ? Math.round(progress.done / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
