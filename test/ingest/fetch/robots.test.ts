import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { FAST, html, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ROBOTS = 'User-agent: *\nDisallow: /private\n';

describe('robots.txt', () => {
  it('refuses disallowed paths, fetching robots.txt once per origin', async () => {
    server = await startServer((req, res) => html(res, `page ${req.url}`), { robotsTxt: ROBOTS });
    const urls = [server.url('/private/a'), server.url('/public/b'), server.url('/private/c'), server.url('/public/d')];
    const outcomes = await fetchAll(urls, FAST);
    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'fetched', 'failed', 'fetched']);
    expect(outcomes[0]).toEqual({ kind: 'failed', url: urls[0], reason: 'disallowed by robots.txt', attempts: 0 });
    expect(server.robotsHits()).toBe(1);
    expect(server.paths.sort()).toEqual(['/public/b', '/public/d']);
  });

  it('is overridden by ignoreRobots', async () => {
    server = await startServer((req, res) => html(res, `page ${req.url}`), { robotsTxt: ROBOTS });
    const [outcome] = await fetchAll([server.url('/private/a')], { ...FAST, ignoreRobots: true });
    expect(outcome).toMatchObject({ kind: 'fetched', text: 'page /private/a' });
    expect(server.robotsHits()).toBe(0);
  });

  it('applies a group naming datledger over the * group', async () => {
    const robotsTxt = 'User-agent: *\nAllow: /\n\nUser-agent: datledger\nDisallow: /\n';
    server = await startServer((_req, res) => html(res, 'x'), { robotsTxt });
    const [outcome] = await fetchAll([server.url('/anything')], FAST);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'disallowed by robots.txt' });
  });

  it('spaces requests by the Crawl-delay it declares', async () => {
    const arrivals: number[] = [];
    server = await startServer(
      (_req, res) => {
        arrivals.push(Date.now());
        html(res, 'x');
      },
      { robotsTxt: 'User-agent: *\nCrawl-delay: 0.2\n' },
    );
    await fetchAll([server.url('/1'), server.url('/2'), server.url('/3')], FAST);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
  });

  it('treats a 404 robots.txt as allow-all', async () => {
    server = await startServer((_req, res) => html(res, 'free'), { robotsStatus: 404 });
    const [outcome] = await fetchAll([server.url('/private/a')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', text: 'free' });
    expect(server.robotsHits()).toBe(1);
  });

  it('treats an unreachable robots.txt (5xx) as disallow-all, per RFC 9309', async () => {
    server = await startServer((_req, res) => html(res, 'x'), { robotsStatus: 503 });
    const [outcome] = await fetchAll([server.url('/page')], { ...FAST, retries: 0 });
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: 'robots.txt unavailable (HTTP 503), treated as disallowed',
    });
    expect(server.paths).toEqual([]);
  });
});
