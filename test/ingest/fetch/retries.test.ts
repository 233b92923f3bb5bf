import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkFailure } from '../../../src/ingest/fetch/errors.js';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { FAST, html, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('timeouts and retries', () => {
  it('fails a response slower than the timeout, after retrying it', async () => {
    const asked: string[] = [];
    server = await startServer((request) => {
      // Never answer.
      asked.push(request.url ?? '');
    });
    const [outcome] = await fetchAll([server.url('/slow')], { ...FAST, timeoutMs: 300, retries: 1 });
    expect(outcome).toEqual({ kind: 'failed', url: server.url('/slow'), reason: 'timeout after 300 ms', attempts: 2 });
    // Given up after the retry, not left waiting: two requests for the page, then nothing more.
    expect(asked.filter((url) => url === '/slow')).toHaveLength(2);
  });

  it('counts body time against the timeout too', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>first bytes, then nothing');
    });
    const [outcome] = await fetchAll([server.url('/trickle')], { ...FAST, timeoutMs: 300, retries: 0 });
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'timeout after 300 ms', attempts: 1 });
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      hits++;
      if (hits === 1) res.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
      else html(res, 'recovered');
    });
    const [outcome] = await fetchAll([server.url('/flaky')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', text: 'recovered', attempts: 2 });
    expect(hits).toBe(2);
  });

  it('gives up on a persistent 503 after all retries', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(503).end();
    });
    const [outcome] = await fetchAll([server.url('/down')], { ...FAST, retries: 2 });
    expect(outcome).toEqual({ kind: 'failed', url: server.url('/down'), reason: 'HTTP 503', status: 503, attempts: 3 });
  });

  it('waits as long as a 429 Retry-After (seconds) asks', async () => {
    const arrivals: number[] = [];
    server = await startServer((_req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else html(res, 'ok now');
    });
    const [outcome] = await fetchAll([server.url('/busy')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', text: 'ok now', attempts: 2 });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it('honours a Retry-After HTTP date, capped at maxRetryAfterMs', async () => {
    const arrivals: number[] = [];
    server = await startServer((_req, res) => {
      arrivals.push(Date.now());
      const anHourAway = new Date(Date.now() + 3_600_000).toUTCString();
      if (arrivals.length === 1) res.writeHead(503, { 'retry-after': anHourAway }).end();
      else html(res, 'back');
    });
    const [outcome] = await fetchAll([server.url('/maint')], { ...FAST, backoffBaseMs: 1, maxRetryAfterMs: 300 });
    expect(outcome).toMatchObject({ kind: 'fetched', attempts: 2 });
    const waited = arrivals[1]! - arrivals[0]!;
    // Far more than the 1 ms backoff, so the date was read. Capped: an hour's wait would outlast the test's timeout below.
    expect(waited).toBeGreaterThanOrEqual(280);
  }, 20_000);

  it('retries connection errors and then reports them', async () => {
    const port = await freePort();
    const [outcome] = await fetchAll([`http://127.0.0.1:${port}/`], { ...FAST, retries: 1, ignoreRobots: true });
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 2 });
    expect(outcome?.kind === 'failed' && outcome.reason).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('says a host that does not answer cannot be reached, not that its robots.txt is unavailable', async () => {
    const port = await freePort();
    const [outcome] = await fetchAll([`http://127.0.0.1:${port}/news`], { ...FAST, retries: 0 });
    expect(outcome?.kind === 'failed' && outcome.reason).toMatch(
      new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port}: network error: .*ECONNREFUSED`),
    );
  });

  it('names a DNS failure as a host not found, and does not retry it', () => {
    const failure = networkFailure(
      Object.assign(new Error('getaddrinfo ENOTFOUND news.example.invalid'), { code: 'ENOTFOUND' }),
    );
    expect(failure.message).toBe('host not found (DNS: getaddrinfo ENOTFOUND news.example.invalid)');
    expect(failure.retryable).toBe(false);
    // A resolver that timed out may answer next time.
    expect(
      networkFailure(Object.assign(new Error('getaddrinfo EAI_AGAIN news.example.com'), { code: 'EAI_AGAIN' }))
        .retryable,
    ).toBe(true);
  });
});

/** A port nobody listens on: bind, read it, release it. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
