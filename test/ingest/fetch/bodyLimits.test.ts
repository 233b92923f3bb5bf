import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { FAST, startServer, type TestServer } from './testServer.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FIFTY_MB = 50 * 1024 * 1024;

/** Streams `total` bytes in 64 KB chunks, respecting backpressure; resolves when the connection goes away. */
function streamHugeBody(res: ServerResponse, total: number): Promise<{ written: number; finished: boolean }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  return new Promise((resolve) => {
    res.on('close', () => resolve({ written, finished: res.writableFinished }));
    const pump = (): void => {
      while (written < total && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
}

describe('body size cap', () => {
  it('aborts a 50 MB streamed body at the 5 MB cap and closes the connection', async () => {
    let serverSide: Promise<{ written: number; finished: boolean }> | undefined;
    server = await startServer((_req, res) => {
      // No Content-Length: the cap can only be enforced while streaming.
      res.writeHead(200, { 'content-type': 'text/html' });
      serverSide = streamHugeBody(res, FIFTY_MB);
    });
    const [outcome] = await fetchAll([server.url('/huge')], FAST);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'body larger than 5242880 bytes', attempts: 1 });

    const { written, finished } = await serverSide!;
    expect(finished).toBe(false);
    // Only the cap plus what sat in socket buffers was ever sent.
    expect(written).toBeLessThan(FIFTY_MB / 2);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    let serverSide: Promise<{ written: number; finished: boolean }> | undefined;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(FIFTY_MB) });
      serverSide = streamHugeBody(res, FIFTY_MB);
    });
    const [outcome] = await fetchAll([server.url('/declared')], { ...FAST, maxBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'body larger than 1048576 bytes' });
    expect((await serverSide!).finished).toBe(false);
  });

  it('applies the cap to decompressed bytes (gzip bomb)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0));
    expect(bomb.length).toBeLessThan(100 * 1024);
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(bomb);
    });
    const [outcome] = await fetchAll([server.url('/bomb')], { ...FAST, maxBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'body larger than 1048576 bytes' });
  });

  it('accepts a body exactly at the cap', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(1000, 'b'));
    });
    const [outcome] = await fetchAll([server.url('/exact')], { ...FAST, maxBytes: 1000 });
    expect(outcome).toMatchObject({ kind: 'fetched', bytes: 1000 });
  });
});
