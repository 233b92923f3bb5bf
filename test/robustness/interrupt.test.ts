/**
 * Ctrl-C during an ingest: the run stops after the article at hand, stores and reconciles what it
 * read, says so, and exits 130. Nothing is left unreconciled; running it again goes on.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  cli,
  cleanupTempDirs,
  requireBuild,
  startCli,
  tableCounts,
  tempDir,
  untilFirstBatch,
  withDb,
  writeCorpus,
} from './helpers.js';

const ARTICLES = 400;

afterAll(cleanupTempDirs);

it('Ctrl-C stores and reconciles what was read, says so, and the next run goes on', async () => {
  requireBuild();
  const dir = tempDir('interrupt');
  const corpus = writeCorpus(join(dir, 'articles'), ARTICLES);
  const db = join(dir, 'ledger.db');
  const { child, done } = startCli(['ingest', corpus, '--db', db]);
  // Interrupted once the first batch is committed, well before the last article.
  await untilFirstBatch(child, db);
  child.kill('SIGINT');
  const result = await done;
  expect(result.status, `the ingest ended on its own (${result.stdout}): make the corpus larger`).toBe(130);
  expect(result.stderr).toMatch(/interrupted: the articles above are stored and reconciled; the rest was not read/);
  const ingested = Number(/articles ingested: (\d+)/.exec(result.stdout)?.[1]);
  const counts = tableCounts(db);
  expect(counts.documents).toBe(ingested);
  expect(counts.documents).toBeGreaterThan(0);
  expect(counts.documents).toBeLessThan(ARTICLES);
  // Every stored mention is in an event now, not at the next run.
  const unreconciled = withDb(
    db,
    (database) =>
      (
        database
          .prepare('SELECT count(*) AS n FROM mentions WHERE key NOT IN (SELECT mention_key FROM event_mentions)')
          .get() as { n: number }
      ).n,
  );
  expect(unreconciled).toBe(0);
  expect(counts.events).toBeGreaterThan(0);
  expect(result.stdout).toMatch(new RegExp(`events in ledger: ${counts.events}\\n`));

  const again = await cli(['ingest', corpus, '--db', db]);
  expect(again.status, again.stderr).toBe(0);
  expect(again.stdout).toMatch(
    new RegExp(`articles ingested: ${ARTICLES - ingested} \\(${ingested} already known, skipped\\)`),
  );
  expect(tableCounts(db).documents).toBe(ARTICLES);
}, 240_000);
