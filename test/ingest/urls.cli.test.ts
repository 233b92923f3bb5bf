import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { datledger, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'datledger-urls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Spawned only where the test needs a process to kill or interrupt; the rest runs in-process (its server keeps answering meanwhile). */
const BIN = join(ROOT, 'bin', 'datledger.js');

it('ingests URLs, skips an unchanged page, re-extracts a changed one, and records a failed URL', async () => {
  let version = 1;
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    if (request.url === '/missing') return void response.writeHead(404).end('gone');
    const etag = `"v${version}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
    const quantity = version === 1 ? '1,100' : '1,200';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag });
    response.end(
      `<html><head><title>Riot sells</title><meta property="article:published_time" content="2026-03-04"></head><body><article><h1>Riot sells bitcoin</h1><p>Riot Platforms sold ${quantity} BTC on Monday to fund its data center expansion, the company said in a statement to investors.</p></article></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const db = join(work, 'urls.db');
  try {
    const first = await datledger(['ingest', `${base}/riot`, `${base}/missing`, '--db', db]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`${base}/missing: HTTP 404`);
    expect(first.stdout).toMatch(/articles ingested: 1\n/);

    const unchanged = await datledger(['ingest', `${base}/riot`, '--db', db]);
    expect(unchanged.stdout).toMatch(/articles ingested: 0 \(1 already known, skipped\)/);

    version = 2;
    expect((await datledger(['ingest', `${base}/riot`, '--db', db])).stdout).toMatch(/articles ingested: 1\n/);
    const events = parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    expect(events.map((event) => `${event.company} ${event.quantity} ${event.date} ${event.sources}`)).toEqual([
      `Riot Platforms, Inc. 1200 2026-03-02 ${base}/riot`,
    ]);
    expect((await datledger(['stats', '--db', db])).stdout).toContain(`${base}/missing: HTTP 404`);
  } finally {
    server.close();
  }
});

it('a run that ends between fetching a page and storing it keeps no validators: the next run fetches and stores the page', async () => {
  // The run fetches /riot, then /stuck, one at a time (--concurrency 1), and stores nothing before every
  // fetch is done. So when /stuck is requested, /riot has been read in full and not stored: the run is
  // killed at that moment, whatever the machine's speed.
  const page =
    '<html><head><title>Riot sells</title><meta property="article:published_time" content="2026-03-04"></head>' +
    '<body><article><h1>Riot sells bitcoin</h1><p>Riot Platforms said it sold 1,040 BTC in a week of thin trading.</p>' +
    '</article></body></html>';
  let stuckRequested: () => void = () => {};
  const fetchedNotStored = new Promise<void>((resolve) => (stuckRequested = resolve));
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    // Left open: the run cannot go on to storing.
    if (request.url === '/stuck') return void stuckRequested();
    if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
    response.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const url = `${base}/riot`;
  const db = join(work, 'killed.db');
  try {
    const child = spawn(process.execPath, [BIN, 'ingest', url, `${base}/stuck`, '--concurrency', '1', '--db', db], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    );
    await fetchedNotStored;
    child.kill('SIGKILL');
    expect(await ended).toBe('SIGKILL');
    const afterKill = new Database(db, { readonly: true });
    const stored = afterKill
      .prepare('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM fetch_cache) AS validators')
      .get();
    afterKill.close();
    expect(stored, 'a page was stored before every fetch was done: kill the run elsewhere').toMatchObject({
      documents: 0,
    });
    // No validators without the page they belong to.
    expect(stored).toEqual({ documents: 0, validators: 0 });

    // With validators kept, the server would answer 304 and the page would never be stored.
    const again = await datledger(['ingest', url, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/articles ingested: 1\n/);
    const third = await datledger(['ingest', url, '--db', db]);
    expect(third.stdout).toMatch(/articles ingested: 0 \(1 already known, skipped\)/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}, 120_000);

it('a host that does not answer is named as unreachable, not as a robots.txt problem', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const result = await datledger(['ingest', `http://127.0.0.1:${port}/news`, '--db', join(work, 'unreachable.db')]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    new RegExp(
      `http://127\\.0\\.0\\.1:${port}/news: cannot reach 127\\.0\\.0\\.1:${port}: network error: .*ECONNREFUSED`,
    ),
  );
  expect(result.stderr).not.toContain('robots.txt');
}, 60_000);

it('Ctrl-C while pages are being fetched keeps the pages fetched, leaves the rest, and exits 130 at once', async () => {
  // One URL at a time (--concurrency 1): when /stuck is requested, /quick has been read in full, and Ctrl-C comes then.
  let stuckRequested: () => void = () => {};
  const quickFetched = new Promise<void>((resolve) => (stuckRequested = resolve));
  let stuckRequests = 0;
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    // A page that never comes: its request is left open.
    if (request.url === '/stuck') {
      stuckRequests++;
      return void stuckRequested();
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<html><head><title>Riot sells</title><meta property="article:published_time" content="2026-03-04"></head>' +
        '<body><article><p>Riot Platforms sold 1,300 BTC on Monday to fund its data center expansion, the company said.</p>' +
        '</article></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const db = join(work, 'interrupted-fetch.db');
  try {
    const child = spawn(
      process.execPath,
      [BIN, 'ingest', `${base}/quick`, `${base}/stuck`, '--concurrency', '1', '--db', db],
      { cwd: ROOT },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await quickFetched;
    child.kill('SIGINT');
    // Without the stop the stuck page would hold the run until its request timed out, then be asked for twice
    // more (two retries); a run that never ends is left to the test's timeout.
    expect(await ended, stderr).toBe(130);
    expect(stuckRequests, 'the stuck page was asked for again after Ctrl-C').toBe(1);
    expect(stdout).toMatch(/articles ingested: 1\n/);
    expect(stderr).toContain('datledger: 1 URL(s) not fetched (interrupted)');
    const events = parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    expect(events.map((event) => `${event.company} ${event.action} ${event.quantity}`)).toEqual([
      'Riot Platforms, Inc. sell 1300',
    ]);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}, 60_000);
