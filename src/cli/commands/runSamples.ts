import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, openRepository } from '../common.js';
import { debugWarnings } from '../debug.js';
import { printSummary } from '../printSummary.js';
import type { CliIo } from '../io.js';

/** `npm start`: the sample articles into a fresh database, the summary, and the events CSV in data/out/. */
export async function runSamplesCommand(options: { samples?: string; out?: string }, io: CliIo): Promise<number> {
  const samples = options.samples ?? 'data/samples';
  const outDir = options.out ?? 'data/out';
  mkdirSync(outDir, { recursive: true });
  const dbPath = join(outDir, 'samples.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const { Pipeline } = await import('../../pipeline.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { eventsCsv } = await import('../../export/index.js');
  const repository = openRepository(dbPath, 'create');
  try {
    const summary = new Pipeline(repository, defaultRulebook(), undefined, {
      onWarning: debugWarnings(io),
    }).ingestPaths([samples]);
    printSummary(summary, io);
    const csvPath = join(outDir, 'events.csv');
    writeFileSync(csvPath, eventsCsv(repository.allEvents()));
    io.stdout.write(
      `events CSV: ${csvPath}\ndatabase: ${dbPath} (try: npx datledger explain EVENT_ID --db ${dbPath})\n`,
    );
    return summary.failed.length ? EXIT.someInputsFailed : EXIT.ok;
  } finally {
    repository.db.close();
  }
}
