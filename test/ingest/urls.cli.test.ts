import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { datledger, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'datledger-urls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI is spawned asynchronously: the test's own loopback server must keep answering meanwhile. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'datledger.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('ingests URLs, skips an unchanged page, re-extracts a changed one, and records a failed URL', async () => {
  let version = 1;
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    if (request.url === '/missing') return void response.writeHead(404).end('gone');
    const etag = `"v${version}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
    const quantity = version === 1 ? '1,100' : '1,200';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag });
    response.end(`<html><head><title>Riot sells</title><meta property="article:published_time" content="2026-03-04"></head><body><article><h1>Riot sells bitcoin</h1><p>Riot Platforms sold ${quantity} BTC on Monday to fund its data center expansion, the company said in a statement to investors.</p></article></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const db = join(work, 'urls.db');
  try {
    const first = await run(['ingest', `${base}/riot`, `${base}/missing`, '--db', db]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`${base}/missing: HTTP 404`);
    expect(first.stdout).toMatch(/articles ingested: 1\n/);

    const unchanged = await run(['ingest', `${base}/riot`, '--db', db]);
    expect(unchanged.stdout).toMatch(/articles ingested: 0 \(1 already known, skipped\)/);

    version = 2;
    expect((await run(['ingest', `${base}/riot`, '--db', db])).stdout).toMatch(/articles ingested: 1\n/);
    const events = parse(datledger(['export', '--db', db]).stdout, { columns: true }) as Record<string, string>[];
    expect(events.map((event) => `${event.company} ${event.quantity} ${event.date} ${event.sources}`)).toEqual([`Riot Platforms, Inc. 1200 2026-03-02 ${base}/riot`]);
    expect(datledger(['stats', '--db', db]).stdout).toContain(`${base}/missing: HTTP 404`);
  } finally {
    server.close();
  }
});
