import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Pipeline, type ParallelIngestOptions } from '../../src/pipeline.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { openDatabase, Repository } from '../../src/store/index.js';

// The pool runs dist/parallel/worker.js: `npm test` builds first.
const work = mkdtempSync(join(tmpdir(), 'datledger-pool-published-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const folder = join(work, 'pages');
mkdirSync(folder);
for (let i = 0; i < 12; i++) {
  const quantity = 100 + i;
  // Every fourth page shows its own date; every third has a sidecar; the rest show none.
  const label = i % 4 === 0 ? 'Published: February 12, 2026\n' : '';
  writeFileSync(
    join(folder, `page-${String(i).padStart(2, '0')}.txt`),
    `Miner update ${i}\n${label}\nCleanSpark sold ${quantity} BTC on Monday to cover operating costs, the company said in a statement.\n`,
  );
  if (i % 3 === 0)
    writeFileSync(join(folder, `page-${String(i).padStart(2, '0')}.meta.json`), '{"published": "2026-01-19"}');
}

async function ingest(name: string, options: ParallelIngestOptions | null) {
  const repository = new Repository(openDatabase(join(work, `${name}.db`)));
  try {
    const pipeline = new Pipeline(repository, defaultRulebook());
    if (options) await pipeline.ingestPathsAsync([folder], options);
    else pipeline.ingestPaths([folder], { published: '2026-03-04' });
    return {
      mode: pipeline.lastRun.mode,
      documents: repository.db
        .prepare('SELECT source, published, published_source, page_published FROM documents ORDER BY source')
        .all() as Record<string, string | null>[],
      dates: repository
        .allMentions()
        .map((mention) => `${mention.source} ${mention.date}`)
        .sort(),
    };
  } finally {
    repository.db.close();
  }
}

it('dates pages by the same precedence on worker threads as in this thread', async () => {
  const inThread = await ingest('in-thread', null);
  const pooled = await ingest('pool', { workers: 2, threshold: 5, published: '2026-03-04' });
  expect(pooled.mode).toBe('pool');
  expect(pooled.documents).toEqual(inThread.documents);
  expect(pooled.dates).toEqual(inThread.dates);
  const sources = inThread.documents.map((row) => row.published_source);
  expect(sources.filter((source) => source === 'sidecar')).toHaveLength(4);
  expect(sources.filter((source) => source === 'label')).toHaveLength(2);
  expect(sources.filter((source) => source === 'batch')).toHaveLength(6);
  // A sidecar over the page's own label: the label is kept beside it.
  expect(inThread.documents[0]).toEqual({
    source: join(folder, 'page-00.txt'),
    published: '2026-01-19',
    published_source: 'sidecar',
    page_published: '2026-02-12',
  });
  expect(inThread.dates).toContain(`${join(folder, 'page-01.txt')} 2026-03-02`);
});
