import { badDateReason } from '../../ingest/statedDate.js';
import { EXIT, openRepository, UsageError } from '../common.js';
import { debugWarnings } from '../debug.js';
import { printSummary } from '../printSummary.js';
import type { CliIo } from '../io.js';

export interface PasteOptions {
  db?: string;
  published?: string;
  source?: string;
  format?: string;
}

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function pasteCommand(options: PasteOptions, io: CliIo): Promise<number> {
  // Checked before anything is read: a wrong reference would misdate every relative phrase of the article.
  const badDate = options.published === undefined ? null : badDateReason(options.published);
  if (badDate) throw new UsageError(`--published ${options.published}: ${badDate}`);
  if (options.format && !['text', 'html'].includes(options.format))
    throw new UsageError(`--format ${options.format}: expected text or html`);
  if (io.stdin.isTTY) io.stderr.write('Paste the article, then press Ctrl-D on a line of its own.\n');
  const text = await readStdin(io);
  if (text.trim().length === 0) throw new UsageError('nothing was pasted on standard input');
  const { Pipeline } = await import('../../pipeline.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { sha256 } = await import('../../ingest/files.js');
  const repository = openRepository(options.db, 'create');
  try {
    const format =
      (options.format as 'text' | 'html' | undefined) ?? (/^\s*(?:<!doctype html|<html)/i.test(text) ? 'html' : 'text');
    const summary = new Pipeline(repository, defaultRulebook(), undefined, {
      onWarning: debugWarnings(io),
    }).ingestDocuments([
      {
        source: options.source ?? 'stdin',
        kind: 'stdin',
        format,
        text,
        contentHash: sha256(text),
        publishedHint: options.published?.trim() ?? null,
        publishedHintSource: 'option',
        observedAt: new Date().toISOString(),
      },
    ]);
    printSummary(summary, io);
    return summary.failed.length ? EXIT.someInputsFailed : EXIT.ok;
  } finally {
    repository.db.close();
  }
}
