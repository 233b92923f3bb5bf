import { createHash } from 'node:crypto';

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
/** Above this estimated Jaccard similarity of word 5-shingles, two texts are one origin (a reprint). */
export const NEAR_DUPLICATE = 0.7;

// Fixed seeds: signatures stored in the database stay comparable across runs.
const SEEDS = Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) | 1);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** MinHash signature of an article's word 5-shingles. */
export function signature(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const minimum = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + 5 <= Math.max(words.length, 5); i++) {
    const shingle = fnv1a(words.slice(i, i + 5).join(' '));
    for (let h = 0; h < HASHES; h++) {
      const value = ((Math.imul(shingle ^ SEEDS[h], SEEDS[(h + 7) % HASHES]) >>> 0) ^ (shingle >>> 13)) >>> 0;
      if (value < minimum[h]) minimum[h] = value;
    }
  }
  return minimum;
}

/** LSH band keys: texts sharing any band are candidates for a closer look. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    const slice = Buffer.from(sig.buffer, sig.byteOffset + band * ROWS * 4, ROWS * 4);
    keys.push(`${band}:${createHash('md5').update(slice).digest('hex').slice(0, 16)}`);
  }
  return keys;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}
