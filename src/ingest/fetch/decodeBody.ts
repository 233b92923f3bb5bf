import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchFailure, bodyTooLargeFailure, networkFailure } from './errors.js';

type ContentCoding = 'gzip' | 'deflate' | 'br';

/** What we advertise in Accept-Encoding; kept next to the decoders so the two cannot drift apart. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Parses Content-Encoding into the order the decoders must run (the reverse
 * of the order the server applied them). Unknown codings are rejected up
 * front: handing their bytes to a charset decoder would produce garbage text.
 */
export function decodingOrder(contentEncoding: string | undefined): ContentCoding[] {
  if (!contentEncoding) return [];
  const applied: ContentCoding[] = [];
  for (const raw of contentEncoding.split(',')) {
    const coding = raw.trim().toLowerCase();
    if (coding === '' || coding === 'identity') continue;
    if (coding === 'gzip' || coding === 'x-gzip') applied.push('gzip');
    else if (coding === 'deflate' || coding === 'br') applied.push(coding);
    else throw new FetchFailure(`unsupported content encoding ${coding}`);
  }
  return applied.reverse();
}

/**
 * Streams a response body through the decompressors into memory, stopping the
 * moment more than maxBytes arrive (compressed or decompressed, so a small
 * zip bomb is caught as early as a huge plain body). On any failure every
 * stream, including the response and hence its socket, is destroyed.
 */
export async function readBody(
  source: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const order = decodingOrder(contentEncoding);
  // "deflate" should be zlib-wrapped, but some servers send raw deflate; only the
  // outermost layer can be inspected before decoding starts.
  const outermostIsRawDeflate = order[0] === 'deflate' && isRawDeflate(await peekFirstChunk(source));

  let firstFailingStream: string | undefined;
  const track = <S extends NodeJS.EventEmitter>(stream: S, label: string): S => {
    // The first stream to error is the cause; pipeline then destroys the rest with the same error.
    stream.once('error', () => {
      firstFailingStream ??= label;
    });
    return stream;
  };

  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(bodyTooLargeFailure(maxBytes));
      chunks.push(chunk);
      callback();
    },
  });

  const decoders = order.map((coding, index) =>
    track(createDecoder(coding, index === 0 && outermostIsRawDeflate), `decode:${coding}`),
  );

  try {
    await pipeline([track(source, 'network'), byteCap(maxBytes), ...decoders, sink]);
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (firstFailingStream?.startsWith('decode:')) {
      const coding = firstFailingStream.slice('decode:'.length);
      const detail = error instanceof Error ? error.message : String(error);
      throw new FetchFailure(`could not decode ${coding} body: ${detail}`);
    }
    // A connection that drops mid-body is as transient as one that drops before it.
    throw networkFailure(error);
  }
  return Buffer.concat(chunks, total);
}

function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(bodyTooLargeFailure(maxBytes));
      callback(null, chunk);
    },
  });
}

function createDecoder(coding: ContentCoding, rawDeflate: boolean): Transform {
  // Sync flush at the end tolerates servers that omit the compressed stream's
  // trailer, as browsers do; truncation of the HTTP message itself is still an error.
  const tolerant = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
      return zlib.createGunzip(tolerant);
    case 'deflate':
      return rawDeflate ? zlib.createInflateRaw(tolerant) : zlib.createInflate(tolerant);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
}

/** A zlib stream starts with a CMF/FLG pair: method 8 and a checksum divisible by 31. */
function isRawDeflate(head: Buffer | null): boolean {
  if (!head || head.length < 2) return false;
  const cmf = head[0]!;
  const flg = head[1]!;
  return !((cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0);
}

/** Reads the first available chunk and puts it back, so the body stream is left intact. */
function peekFirstChunk(source: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      source.off('readable', onReadable);
      source.off('error', onError);
    };
    const onReadable = () => {
      cleanup();
      const chunk = source.read() as Buffer | null;
      if (chunk) source.unshift(chunk);
      resolve(chunk);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(networkFailure(error));
    };
    source.on('readable', onReadable);
    source.on('error', onError);
  });
}
