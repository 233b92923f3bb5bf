import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll, type Validators } from '../../../src/ingest/fetch/index.js';
import { FAST, html, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('conditional requests', () => {
  it('sends validators, maps 304 to not-modified, and refetches once the page changes', async () => {
    const page = { body: 'version one', etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' };
    const received: Array<{ inm?: string; ims?: string }> = [];
    server = await startServer((req, res) => {
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      received.push({ ...(inm ? { inm } : {}), ...(ims ? { ims } : {}) });
      // RFC 9110: If-None-Match takes precedence when both are present.
      const unchanged = inm !== undefined ? inm === page.etag : ims === page.lastModified;
      if (unchanged) return void res.writeHead(304, { etag: page.etag }).end();
      html(res, page.body, { etag: page.etag, 'last-modified': page.lastModified });
    });
    const url = server.url('/article');
    const known = new Map<string, Validators>();
    const remember = (outcome: Awaited<ReturnType<typeof fetchAll>>[number]) => {
      if (outcome.kind === 'fetched')
        known.set(outcome.url, { etag: outcome.etag, lastModified: outcome.lastModified });
    };
    const hooks = { validators: (u: string) => known.get(u), onOutcome: remember };

    const [first] = await fetchAll([url], FAST, hooks);
    expect(first).toMatchObject({
      kind: 'fetched',
      text: 'version one',
      etag: '"v1"',
      lastModified: page.lastModified,
    });

    const [second] = await fetchAll([url], FAST, hooks);
    expect(second).toEqual({ kind: 'not-modified', url, finalUrl: url, status: 304, attempts: 1 });
    expect(received[1]).toEqual({ inm: '"v1"', ims: page.lastModified });

    Object.assign(page, { body: 'version two', etag: '"v2"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' });
    const [third] = await fetchAll([url], FAST, hooks);
    expect(third).toMatchObject({ kind: 'fetched', text: 'version two', etag: '"v2"' });
    expect(received[2]).toEqual({ inm: '"v1"', ims: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(received[0]).toEqual({});
  });

  it('works with Last-Modified alone', async () => {
    const lastModified = 'Wed, 03 Jan 2024 10:00:00 GMT';
    server = await startServer((req, res) => {
      if (req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
      html(res, 'dated', { 'last-modified': lastModified });
    });
    const url = server.url('/dated');
    const [first] = await fetchAll([url], FAST);
    expect(first).toMatchObject({ kind: 'fetched', lastModified });
    expect(first?.kind === 'fetched' && 'etag' in first).toBe(false);
    const [second] = await fetchAll([url], FAST, { validators: () => ({ lastModified }) });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304 });
  });
});
