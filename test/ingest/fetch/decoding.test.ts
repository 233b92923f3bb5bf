import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { FAST, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** Serves fixed bytes with fixed headers per path. */
async function serve(pages: Record<string, { headers: Record<string, string>; body: Buffer }>): Promise<TestServer> {
  return startServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, page.headers).end(page.body);
  });
}

describe('charset detection and decoding', () => {
  it('decodes windows-1252 declared in the Content-Type header', async () => {
    server = await serve({
      '/cp1252': {
        headers: { 'content-type': 'text/html; charset=windows-1252' },
        // café € “quoted” – in windows-1252
        body: bytes('<p>caf', [0xe9], ' ', [0x80], ' ', [0x93], 'quoted', [0x94], ' ', [0x96], '</p>'),
      },
    });
    const [outcome] = await fetchAll([server.url('/cp1252')], FAST);
    expect(outcome).toMatchObject({
      kind: 'fetched',
      charset: 'windows-1252',
      charsetSource: 'header',
      text: '<p>café € “quoted” –</p>',
    });
  });

  it('treats an ISO-8859-1 label as windows-1252, as browsers do', async () => {
    server = await serve({
      '/latin1': { headers: { 'content-type': 'text/plain; charset="ISO-8859-1"' }, body: bytes('5 ', [0x80]) },
    });
    const [outcome] = await fetchAll([server.url('/latin1')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', charset: 'windows-1252', text: '5 €' });
  });

  it('decodes a GBK page declared only in <meta charset>', async () => {
    server = await serve({
      '/gbk': {
        headers: { 'content-type': 'text/html' },
        body: bytes('<html><head><meta charset="gbk"><title>', [0xd6, 0xd0, 0xce, 0xc4], '</title></head></html>'),
      },
    });
    const [outcome] = await fetchAll([server.url('/gbk')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', charset: 'gbk', charsetSource: 'meta' });
    expect(outcome?.kind === 'fetched' && outcome.text).toContain('<title>中文</title>');
  });

  it('decodes Shift_JIS declared by <meta http-equiv="Content-Type">', async () => {
    server = await serve({
      '/sjis': {
        headers: { 'content-type': 'text/html' },
        body: bytes(
          '<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS"></head><body>',
          [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea],
          '</body></html>',
        ),
      },
    });
    const [outcome] = await fetchAll([server.url('/sjis')], FAST);
    expect(outcome).toMatchObject({ kind: 'fetched', charset: 'shift_jis', charsetSource: 'meta' });
    expect(outcome?.kind === 'fetched' && outcome.text).toContain('<body>日本語</body>');
  });

  it('lets the header win over <meta>, and ignores <meta> after 4 KB or in text/plain', async () => {
    const lateMeta = bytes(`<html><!-- ${'x'.repeat(5000)} --><meta charset="gbk">`, [0xd6, 0xd0]);
    server = await serve({
      '/both': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: bytes('<meta charset="gbk">ok') },
      '/late': { headers: { 'content-type': 'text/html' }, body: lateMeta },
      '/plain': { headers: { 'content-type': 'text/plain' }, body: Buffer.from('<meta charset="gbk">naïve ✓') },
    });
    const [both, late, plain] = await fetchAll([server.url('/both'), server.url('/late'), server.url('/plain')], FAST);
    expect(both).toMatchObject({ charset: 'utf-8', charsetSource: 'header' });
    expect(late).toMatchObject({ charset: 'utf-8', charsetSource: 'default' });
    expect(plain).toMatchObject({ charset: 'utf-8', charsetSource: 'default', text: '<meta charset="gbk">naïve ✓' });
  });

  it('falls back from an unknown header charset to <meta>', async () => {
    server = await serve({
      '/bogus': {
        headers: { 'content-type': 'text/html; charset=no-such-charset' },
        body: bytes("<meta charset='gbk'>", [0xd6, 0xd0, 0xce, 0xc4]),
      },
    });
    const [outcome] = await fetchAll([server.url('/bogus')], FAST);
    expect(outcome).toMatchObject({ charset: 'gbk', charsetSource: 'meta', text: "<meta charset='gbk'>中文" });
  });
});

describe('content encodings', () => {
  const page = '<p>Ünïcödé news — 比特币</p>'.repeat(50);
  const plain = Buffer.from(page, 'utf8');
  const headers = (encoding: string) => ({ 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });

  it('decodes gzip, deflate (zlib and raw) and br bodies', async () => {
    let acceptEncoding: string | undefined;
    server = await startServer((req, res) => {
      acceptEncoding = req.headers['accept-encoding'];
      const bodies: Record<string, [string, Buffer]> = {
        '/gzip': ['gzip', zlib.gzipSync(plain)],
        '/deflate': ['deflate', zlib.deflateSync(plain)],
        '/raw-deflate': ['deflate', zlib.deflateRawSync(plain)],
        '/br': ['br', zlib.brotliCompressSync(plain)],
        '/stacked': ['deflate, gzip', zlib.gzipSync(zlib.deflateSync(plain))],
      };
      const [encoding, body] = bodies[req.url ?? '']!;
      res.writeHead(200, headers(encoding)).end(body);
    });
    const paths = ['/gzip', '/deflate', '/raw-deflate', '/br', '/stacked'];
    const outcomes = await fetchAll(
      paths.map((p) => server!.url(p)),
      FAST,
    );
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ kind: 'fetched', text: page, bytes: plain.length });
    }
    expect(acceptEncoding).toBe('gzip, deflate, br');
  });

  it('fails clearly on a corrupt or unknown encoding', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/corrupt') res.writeHead(200, headers('gzip')).end(Buffer.from('definitely not gzip'));
      else res.writeHead(200, headers('compress')).end(plain);
    });
    const [corrupt, unknown] = await fetchAll([server.url('/corrupt'), server.url('/compress')], FAST);
    expect(corrupt).toMatchObject({ kind: 'failed', attempts: 1 });
    expect(corrupt?.kind === 'failed' && corrupt.reason).toMatch(/^could not decode gzip body: /);
    expect(unknown).toMatchObject({ kind: 'failed', reason: 'unsupported content encoding compress', attempts: 1 });
  });
});
