/**
 * Crash safety and concurrency, with real processes. An ingest killed with SIGKILL part-way leaves
 * a sound database, and running it again completes the work: every article once, no duplicate
 * mentions or events, and the same ledger as one uninterrupted run. Two ingests into one database
 * at once both finish and lose nothing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  cleanupTempDirs,
  COMPANIES,
  newsItem,
  requireBuild,
  startCli,
  tableCounts,
  tempDir,
  untilFirstBatch,
  withDb,
  writeCorpus,
  type CliResult,
} from './helpers.js';

const ARTICLES = 400;

/** Everything that must match between two databases holding the same corpus. */
function ledgerOf(path: string) {
  return withDb(path, (db) => ({
    documents: (
      db.prepare('SELECT content_hash FROM documents ORDER BY content_hash').all() as { content_hash: string }[]
    ).map((row) => row.content_hash),
    mentions: (db.prepare('SELECT key FROM mentions ORDER BY key').all() as { key: string }[]).map((row) => row.key),
    events: (db.prepare('SELECT id, data FROM events ORDER BY id').all() as { id: string; data: string }[]).map(
      (row) => {
        const event = JSON.parse(row.data) as {
          company: string;
          action: string;
          quantity: number;
          date: string | null;
          mentionKeys: string[];
        };
        return `${row.id} ${event.company} ${event.action} ${event.quantity} ${event.date} [${[...event.mentionKeys].sort().join(',')}]`;
      },
    ),
    links: (
      db.prepare("SELECT event_id || ' ' || mention_key AS link FROM event_mentions ORDER BY link").all() as {
        link: string;
      }[]
    ).map((row) => row.link),
  }));
}

/** PRAGMA integrity_check, and no row stored twice under another id. */
function expectSound(path: string) {
  withDb(path, (db) => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const duplicates = db
      .prepare(
        `SELECT
      (SELECT count(*) - count(DISTINCT content_hash) FROM documents) AS documents,
      (SELECT count(*) - count(DISTINCT key) FROM mentions) AS mentionKeys,
      (SELECT count(*) FROM (SELECT document_id, span_start, span_end, evidence FROM mentions GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)) AS mentionSpans,
      (SELECT count(*) - count(DISTINCT id) FROM events) AS events,
      (SELECT count(*) FROM (SELECT block_key, data FROM events GROUP BY 1, 2 HAVING count(*) > 1)) AS eventData,
      (SELECT count(*) FROM (SELECT mention_key FROM event_mentions GROUP BY 1 HAVING count(*) > 1)) AS mentionInTwoEvents,
      (SELECT count(*) FROM event_mentions WHERE mention_key NOT IN (SELECT key FROM mentions)) AS danglingLinks`,
      )
      .get();
    expect(duplicates).toEqual({
      documents: 0,
      mentionKeys: 0,
      mentionSpans: 0,
      events: 0,
      eventData: 0,
      mentionInTwoEvents: 0,
      danglingLinks: 0,
    });
  });
}

describe('an ingest killed part-way', () => {
  let corpus: string;
  let reference: string;
  let crashed: string;
  let killed: CliResult;
  let afterCrash: ReturnType<typeof tableCounts>;
  let soundAfterCrash: unknown;
  let again: CliResult;

  beforeAll(async () => {
    requireBuild();
    const dir = tempDir('crash');
    // The first half of the files names other companies than the second: the blocks the first
    // batches touch are not touched again after the crash.
    corpus = writeCorpus(join(dir, 'articles'), ARTICLES, (index) =>
      newsItem(index, index < ARTICLES / 2 ? COMPANIES.slice(0, 12) : COMPANIES.slice(12)),
    );
    reference = join(dir, 'reference.db');
    const uninterrupted = await cli(['ingest', corpus, '--db', reference]);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);

    crashed = join(dir, 'crashed.db');
    const { child, done } = startCli(['ingest', corpus, '--db', crashed]);
    // Kill it once at least one batch is committed, before the last one is.
    await untilFirstBatch(child, crashed);
    child.kill('SIGKILL');
    killed = await done;
    afterCrash = tableCounts(crashed);
    try {
      expectSound(crashed);
    } catch (error) {
      soundAfterCrash = error;
    }
    again = await cli(['ingest', corpus, '--db', crashed]);
  }, 240_000);
  afterAll(cleanupTempDirs);

  it('was killed part-way, after a batch was committed', async () => {
    expect(
      killed.signal,
      `the ingest ended on its own before it could be killed (exit ${killed.status}): make the corpus larger`,
    ).toBe('SIGKILL');
    expect(afterCrash.documents).toBeGreaterThan(0);
    expect(afterCrash.documents).toBeLessThan(ARTICLES);
  });

  it('left a sound database: integrity_check ok, nothing stored twice', async () => {
    if (soundAfterCrash) throw soundAfterCrash;
  });

  it('run again, it stores the rest: every article once, no duplicate mentions or events', async () => {
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(
        `articles ingested: ${ARTICLES - afterCrash.documents} \\(${afterCrash.documents} already known, skipped\\)`,
      ),
    );
    expectSound(crashed);
    expect(tableCounts(crashed).documents).toBe(ARTICLES);
    const expected = ledgerOf(reference);
    const actual = ledgerOf(crashed);
    expect(actual.documents).toEqual(expected.documents);
    expect(actual.mentions).toEqual(expected.mentions);
  });

  it('run again, the ledger equals an uninterrupted run, events of the batches stored before the crash included', async () => {
    const expected = ledgerOf(reference);
    const actual = ledgerOf(crashed);
    const missing = expected.events.filter((event) => !actual.events.includes(event));
    expect(
      missing,
      `${missing.length} events of ${expected.events.length} missing after the crash and the second run, e.g. ${missing[0]}`,
    ).toEqual([]);
    expect(actual.events).toEqual(expected.events);
    expect(actual.links).toEqual(expected.links);
  });
});

describe('two ingests into one database at once', () => {
  afterAll(cleanupTempDirs);

  it('both finish, and nothing is lost or doubled', async () => {
    requireBuild();
    const dir = tempDir('concurrent');
    // Two corpora of their own, and one both of them ingest.
    const first = writeCorpus(join(dir, 'first'), 150, (index) => newsItem(1000 + index));
    const second = writeCorpus(join(dir, 'second'), 150, (index) => newsItem(2000 + index));
    const shared = writeCorpus(join(dir, 'shared'), 60, (index) => newsItem(3000 + index));
    const reference = join(dir, 'reference.db');
    expect((await cli(['ingest', first, second, shared, '--db', reference])).status).toBe(0);

    const db = join(dir, 'together.db');
    const runs = [startCli(['ingest', first, shared, '--db', db]), startCli(['ingest', second, shared, '--db', db])];
    const results = await Promise.all(runs.map((run) => run.done));
    for (const result of results) {
      expect(result.stderr, 'SQLITE_BUSY or another error under concurrency').toBe('');
      expect(result.status).toBe(0);
    }
    // The shared articles went in once: one run stored each, the other found it known.
    const stored = results.map((result) => Number(/articles ingested: (\d+)/.exec(result.stdout)![1]));
    expect(stored[0] + stored[1]).toBe(360);

    expectSound(db);
    const expected = ledgerOf(reference);
    const actual = ledgerOf(db);
    expect(actual.documents).toEqual(expected.documents);
    expect(actual.mentions).toEqual(expected.mentions);
    expect(actual.events).toEqual(expected.events);
    expect(actual.links).toEqual(expected.links);
  }, 180_000);
});
