import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { parseContentType } from './contentType.js';
import { ACCEPT_ENCODING, readBody } from './decodeBody.js';
import { FetchFailure, bodyTooLargeFailure, networkFailure, timeoutFailure } from './errors.js';

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export interface RequestSpec {
  url: URL;
  agents: Agents;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** Decides from the MIME essence whether the body is worth reading; unset = accept anything. */
  acceptContentType?: (mime: string) => boolean;
}

/** One HTTP exchange, already classified so the caller never looks at raw status codes twice. */
export type RequestResult =
  | { type: 'body'; status: number; headers: IncomingHttpHeaders; mime: string; body: Buffer }
  | { type: 'redirect'; status: number; location: string }
  | { type: 'not-modified'; status: 304 }
  | { type: 'http-error'; status: number; retryAfter: string | undefined };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Small error bodies are drained so the keep-alive socket can be reused; large ones are not worth it. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

export const ACCEPT = 'text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.1';

/**
 * Performs a single GET without following redirects. The timeout covers the
 * whole exchange (connect, headers and body), because a server trickling a
 * body byte by byte is as stuck as one that never answers. Rejects only with
 * FetchFailure.
 */
export function requestOnce(spec: RequestSpec): Promise<RequestResult> {
  return new Promise<RequestResult>((resolve, reject) => {
    const isHttps = spec.url.protocol === 'https:';
    const transport = isHttps ? https : http;
    let settled = false;

    let req: http.ClientRequest;
    try {
      req = transport.request(spec.url, {
        method: 'GET',
        agent: isHttps ? spec.agents.https : spec.agents.http,
        headers: {
          accept: ACCEPT,
          'accept-encoding': ACCEPT_ENCODING,
          ...spec.headers,
        },
      });
    } catch (error) {
      // e.g. a stored ETag with a control character: retrying cannot help.
      reject(new FetchFailure(`could not send request: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }

    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: unknown) =>
      settle(() => {
        // Destroying the request also destroys its socket, so an aborted body
        // stops arriving at once and the half-read connection is never reused.
        req.destroy();
        reject(networkFailure(error));
      });

    const timer = setTimeout(() => fail(timeoutFailure(spec.timeoutMs)), spec.timeoutMs);

    // Errors after settling (e.g. from the destroy above) must still have a listener.
    req.on('error', fail);
    req.on('response', (res) => {
      res.on('error', () => {});
      handleResponse(res, spec).then((result) => settle(() => resolve(result)), fail);
    });
    req.end();
  });
}

async function handleResponse(res: IncomingMessage, spec: RequestSpec): Promise<RequestResult> {
  const status = res.statusCode ?? 0;

  if (status === 304) {
    discardBody(res);
    return { type: 'not-modified', status: 304 };
  }
  if (REDIRECT_STATUSES.has(status) && res.headers.location) {
    discardBody(res);
    return { type: 'redirect', status, location: res.headers.location };
  }
  if (status < 200 || status > 299) {
    discardBody(res);
    return { type: 'http-error', status, retryAfter: headerValue(res.headers['retry-after']) };
  }

  const { mime } = parseContentType(res.headers['content-type']);
  if (spec.acceptContentType && !spec.acceptContentType(mime)) {
    res.destroy();
    throw new FetchFailure(mime ? `unsupported content type ${mime}` : 'missing content type', { status });
  }
  const declaredLength = Number(res.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > spec.maxBytes) {
    // No point downloading what we would throw away.
    res.destroy();
    throw bodyTooLargeFailure(spec.maxBytes);
  }

  const body = await readBody(res, headerValue(res.headers['content-encoding']), spec.maxBytes);
  return { type: 'body', status, headers: res.headers, mime, body };
}

function discardBody(res: IncomingMessage): void {
  const length = Number(res.headers['content-length']);
  if (res.statusCode === 304 || (Number.isFinite(length) && length <= DRAIN_LIMIT_BYTES)) {
    res.resume();
  } else {
    res.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
