import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { FAST, html, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function redirect(res: import('node:http').ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location }).end();
}

describe('redirects', () => {
  it('detects a redirect loop', async () => {
    server = await startServer((req, res) => {
      redirect(res, req.url === '/a' ? '/b' : '/a');
    });
    const [outcome] = await fetchAll([server.url('/a')], FAST);
    expect(outcome?.kind).toBe('failed');
    expect(outcome?.kind === 'failed' && outcome.reason).toBe(
      `redirect loop: ${server.url('/b')} redirects back to ${server.url('/a')}`,
    );
    expect(server.paths).toEqual(['/a', '/b']);
  });

  it('stops after more than 5 redirects', async () => {
    server = await startServer((req, res) => {
      const n = Number(req.url?.slice('/hop/'.length));
      redirect(res, `/hop/${n + 1}`, 301);
    });
    const [outcome] = await fetchAll([server.url('/hop/0')], FAST);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'more than 5 redirects', attempts: 6 });
    expect(server.paths).toHaveLength(6);
  });

  it('follows up to 5 redirects, resolving relative locations', async () => {
    server = await startServer((req, res) => {
      const n = Number(req.url?.slice('/hop/'.length));
      if (n < 5) redirect(res, n % 2 === 0 ? `${n + 1}` : `/hop/${n + 1}`, n % 2 === 0 ? 307 : 308);
      else html(res, 'arrived');
    });
    const [outcome] = await fetchAll([server.url('/hop/0')], FAST);
    expect(outcome).toMatchObject({
      kind: 'fetched',
      url: server.url('/hop/0'),
      finalUrl: server.url('/hop/5'),
      text: 'arrived',
    });
  });

  it('re-checks the scheme on every hop', async () => {
    server = await startServer((_req, res) => redirect(res, 'ftp://files.example/report.txt'));
    const [outcome] = await fetchAll([server.url('/download')], FAST);
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: 'unsupported scheme ftp: (redirected to ftp://files.example/report.txt)',
    });
  });

  it('re-checks robots.txt on every hop', async () => {
    server = await startServer(
      (req, res) => (req.url === '/open' ? redirect(res, '/private/x') : html(res, 'secret')),
      {
        robotsTxt: 'User-agent: *\nDisallow: /private\n',
      },
    );
    const [outcome] = await fetchAll([server.url('/open')], FAST);
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: `disallowed by robots.txt (redirected to ${server.url('/private/x')})`,
    });
    expect(server.paths).toEqual(['/open']);
  });

  it('reports the HTTP status of the hop that failed', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/old') redirect(res, '/new', 301);
      else res.writeHead(410).end();
    });
    const [outcome] = await fetchAll([server.url('/old')], FAST);
    expect(outcome).toMatchObject({
      kind: 'failed',
      status: 410,
      reason: `HTTP 410 (redirected to ${server.url('/new')})`,
    });
  });
});
