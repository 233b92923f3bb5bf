import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll, type FetchOutcome, type FetchProgress } from '../../../src/ingest/fetch/index.js';
import { FAST, html, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fetchAll basics', () => {
  it('fetches a page and reports what it got', async () => {
    let userAgent: string | undefined;
    server = await startServer((req, res) => {
      userAgent = req.headers['user-agent'];
      html(res, '<h1>hello</h1>', { etag: '"abc"' });
    });
    const [outcome] = await fetchAll([server.url('/page')], FAST);
    expect(outcome).toMatchObject({
      kind: 'fetched',
      url: server.url('/page'),
      finalUrl: server.url('/page'),
      status: 200,
      contentType: 'text/html',
      charset: 'utf-8',
      charsetSource: 'header',
      text: '<h1>hello</h1>',
      bytes: 14,
      etag: '"abc"',
      attempts: 1,
    });
    expect(userAgent).toBe('datledger/0.1 (+https://github.com/datledger/datledger)');
  });

  it('rejects unsupported schemes and invalid URLs without any request', async () => {
    const outcomes = await fetchAll(['ftp://example.com/file.txt', 'not a url', 'javascript:alert(1)']);
    expect(outcomes).toEqual([
      { kind: 'failed', url: 'ftp://example.com/file.txt', reason: 'unsupported scheme ftp:', attempts: 0 },
      { kind: 'failed', url: 'not a url', reason: 'invalid URL', attempts: 0 },
      { kind: 'failed', url: 'javascript:alert(1)', reason: 'unsupported scheme javascript:', attempts: 0 },
    ]);
  });

  it('rejects a non-text content type with a clear reason', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    });
    const [outcome] = await fetchAll([server.url('/report.pdf')], FAST);
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: 'unsupported content type application/pdf',
      status: 200,
      attempts: 1,
    });
  });

  it('accepts xhtml and plain text', async () => {
    server = await startServer((req, res) => {
      const type = req.url === '/x' ? 'application/xhtml+xml' : 'text/plain';
      res.writeHead(200, { 'content-type': type }).end('ok');
    });
    const outcomes = await fetchAll([server.url('/x'), server.url('/t')], FAST);
    expect(outcomes.map((o) => o.kind === 'fetched' && o.contentType)).toEqual(['application/xhtml+xml', 'text/plain']);
  });

  it('reports HTTP 404 without retrying it', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('gone');
    });
    const [outcome] = await fetchAll([server.url('/missing')], FAST);
    expect(outcome).toEqual({
      kind: 'failed',
      url: server.url('/missing'),
      reason: 'HTTP 404',
      status: 404,
      attempts: 1,
    });
    expect(server.paths).toEqual(['/missing']);
  });

  it('keeps input order, reports progress, and fetches duplicates once', async () => {
    server = await startServer(async (req, res) => {
      // Later URLs answer faster, so completion order differs from input order.
      const delay = req.url === '/slow' ? 120 : 0;
      await new Promise((r) => setTimeout(r, delay));
      if (req.url === '/bad') res.writeHead(500).end();
      else html(res, req.url ?? '');
    });
    const urls = [server.url('/slow'), server.url('/bad'), 'gopher://x', server.url('/fast'), server.url('/fast')];
    const seen: Array<[FetchOutcome, FetchProgress]> = [];
    const outcomes = await fetchAll(urls, { ...FAST, retries: 0 }, { onOutcome: (o, p) => seen.push([o, p]) });

    expect(outcomes.map((o) => o.url)).toEqual(urls);
    expect(outcomes.map((o) => o.kind)).toEqual(['fetched', 'failed', 'failed', 'fetched', 'fetched']);
    expect(seen).toHaveLength(5);
    expect(seen.map(([, p]) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.at(-1)?.[1]).toEqual({ done: 5, total: 5, failed: 2 });
    expect(seen.at(-1)?.[0].url).toBe(server.url('/slow'));
    expect(server.paths.filter((p) => p === '/fast')).toHaveLength(1);
  });

  it('returns an empty list for no URLs', async () => {
    await expect(fetchAll([])).resolves.toEqual([]);
  });

  it('rejects nonsense options up front', async () => {
    await expect(fetchAll(['http://127.0.0.1:1/'], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  it('finishes the batch before surfacing an error thrown by a hook', async () => {
    server = await startServer((_req, res) => html(res, 'x'));
    const calls: string[] = [];
    const run = fetchAll([server.url('/1'), server.url('/2')], FAST, {
      onOutcome: (o) => {
        calls.push(o.url);
        throw new Error('store is down');
      },
    });
    await expect(run).rejects.toThrow('store is down');
    expect(calls).toHaveLength(2);
  });
});
