import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../src/bench/corpus.js';
import { eventsCsv, mentionsCsv } from '../../src/export/index.js';
import { Pipeline, type IngestSummary } from '../../src/pipeline.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { openDatabase, Repository } from '../../src/store/index.js';

// The pool runs dist/parallel/worker.js: `npm test` builds first.
let work: string;
let corpus: string;
/** What the first case's pooled ingest reported; the idempotence case ingests its database again. */
let pooledRun: IngestSummary | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'datledger-pool-'));
  corpus = join(work, 'corpus');
  writeCorpus(corpus, 300, 7);
  // Inputs that fail, among the rest: their order in the failure list must not depend on the threads.
  writeFileSync(join(corpus, '000', '000100-empty.txt'), '');
  writeFileSync(join(corpus, '000', '000300-binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function exportOf(repository: Repository) {
  const events = repository.allEvents();
  const eventOf = new Map(events.flatMap((event) => event.mentionKeys.map((key) => [key, event.id] as const)));
  return {
    events: eventsCsv(events),
    mentions: mentionsCsv(repository.allMentions(), (key) => eventOf.get(key) ?? null),
    documents: repository.db.prepare('SELECT id, content_hash, source, origin FROM documents ORDER BY id').all(),
    failures: repository.db.prepare('SELECT input, reason FROM failures ORDER BY id').all(),
  };
}

async function ingest(name: string, run: (pipeline: Pipeline) => IngestSummary | Promise<IngestSummary>) {
  const repository = new Repository(openDatabase(join(work, `${name}.db`)));
  try {
    const pipeline = new Pipeline(repository, defaultRulebook());
    const summary = await run(pipeline);
    return { summary, lastRun: { ...pipeline.lastRun }, ...exportOf(repository) };
  } finally {
    repository.db.close();
  }
}

describe('ingest on worker threads', () => {
  it('gives the same database as ingest in this thread (~300 generated files)', async () => {
    const inputs = [corpus, join(work, 'no-such-folder')];
    const inThread = await ingest('in-thread', (pipeline) => pipeline.ingestPaths(inputs));
    const pooled = await ingest('pool', (pipeline) =>
      pipeline.ingestPathsAsync(inputs, { workers: 2, threshold: 100, inFlight: 8 }),
    );
    expect(pooled.lastRun).toMatchObject({ mode: 'pool', workers: 2, fallbacks: 0 });
    expect(inThread.summary.articles).toBeGreaterThan(270);
    expect(inThread.summary.mentions).toBeGreaterThan(50);
    expect(inThread.summary.failed.map((failure) => failure.input)).toEqual([
      join(corpus, '000', '000100-empty.txt'),
      join(corpus, '000', '000300-binary.txt'),
      join(work, 'no-such-folder'),
    ]);
    expect(pooled.summary).toEqual(inThread.summary);
    pooledRun = pooled.summary;
    expect(pooled.mentions).toBe(inThread.mentions);
    expect(pooled.events).toBe(inThread.events);
    expect(pooled.documents).toEqual(inThread.documents);
    expect(pooled.failures).toEqual(inThread.failures);
  }, 180_000);

  it('analyses in this thread what workers cannot (a heap too small to even start them): same result', async () => {
    const files = readdirSync(join(corpus, '000'))
      .sort()
      .slice(0, 120)
      .map((name) => join(corpus, '000', name));
    const inThread = await ingest('crash-reference', (pipeline) => pipeline.ingestPaths(files));
    const saved = process.env.DATLEDGER_WORKER_OLD_MB;
    process.env.DATLEDGER_WORKER_OLD_MB = '24';
    try {
      const crashed = await ingest('crash', (pipeline) =>
        pipeline.ingestPathsAsync(files, { workers: 2, threshold: 10 }),
      );
      expect(crashed.lastRun.mode).toBe('pool');
      expect(crashed.lastRun.fallbacks).toBeGreaterThan(100);
      expect(crashed.summary).toEqual(inThread.summary);
      expect(crashed.mentions).toBe(inThread.mentions);
      expect(crashed.events).toBe(inThread.events);
    } finally {
      if (saved === undefined) delete process.env.DATLEDGER_WORKER_OLD_MB;
      else process.env.DATLEDGER_WORKER_OLD_MB = saved;
    }
  }, 180_000);

  it('runs small inputs in this thread, with no pool start-up', async () => {
    const small = await ingest('small', (pipeline) =>
      pipeline.ingestPathsAsync([join(corpus, '000', '000001.txt'), join(corpus, '000', '000002.html')], {
        workers: 2,
      }),
    );
    expect(small.lastRun.mode).toBe('in-thread');
    expect(small.summary.articles + small.summary.alreadyKnown).toBe(2);
  });

  it('is idempotent: a second pooled ingest of the same folder adds nothing', async () => {
    // The database the first case filled through the pool.
    if (!pooledRun) throw new Error('runs after the first case, on the database it filled');
    const first = pooledRun;
    const repository = new Repository(openDatabase(join(work, 'pool.db')));
    try {
      const pipeline = new Pipeline(repository, defaultRulebook());
      const again = await pipeline.ingestPathsAsync([corpus], { workers: 2, threshold: 100 });
      expect(pipeline.lastRun.mode).toBe('pool');
      expect(again.articles).toBe(0);
      expect(again.alreadyKnown).toBe(first.articles + first.alreadyKnown);
      expect(again.events).toBe(first.events);
    } finally {
      repository.db.close();
    }
  }, 180_000);
});
