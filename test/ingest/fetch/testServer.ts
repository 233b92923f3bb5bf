import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** e.g. "http://127.0.0.1:41234" */
  origin: string;
  url(path: string): string;
  /** Requests for /robots.txt served so far. */
  robotsHits(): number;
  /** Paths of every non-robots request, in arrival order. */
  paths: string[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Body for /robots.txt; when unset the file is a 404 (allow all). */
  robotsTxt?: string;
  /** Status for /robots.txt when robotsTxt is unset; default 404. */
  robotsStatus?: number;
}

/**
 * Starts a loopback server on a free port. /robots.txt is answered here so
 * test handlers (and their counters) only ever see page requests.
 */
export async function startServer(handler: Handler, options: ServerOptions = {}): Promise<TestServer> {
  let robotsHits = 0;
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') {
      robotsHits++;
      if (options.robotsTxt !== undefined) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(options.robotsTxt);
      } else {
        res.writeHead(options.robotsStatus ?? 404, { 'content-type': 'text/plain' }).end('no robots here');
      }
      return;
    }
    paths.push(req.url ?? '');
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    robotsHits: () => robotsHits,
    paths,
    close: async () => {
      // Tests deliberately leave hanging requests; do not wait for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function html(res: ServerResponse, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
}

/** Options that keep tests fast: no politeness gap, tiny backoff. */
export const FAST = { perHostIntervalMs: 0, backoffBaseMs: 5 } as const;
