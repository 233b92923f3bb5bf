import { createHash } from 'node:crypto';

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
/** Above this estimated Jaccard similarity of word 5-shingles, two texts are one origin (a reprint). */
export const NEAR_DUPLICATE = 0.7;

// Fixed seeds: signatures stored in the database stay comparable across runs.
const SEEDS = Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) | 1);

/** Each hash's multiplier: the seed 7 places on, as the signatures in stored databases were made. */
const MULTIPLIERS = Array.from({ length: HASHES }, (_, h) => SEEDS[(h + 7) % HASHES]);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/**
 * MinHash signature of an article's word 5-shingles. A shingle's hash is FNV-1a over its five
 * words joined by single spaces, computed word by word without building the joined string (the
 * same value, so stored signatures stay comparable).
 */
export function signature(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const minimum = new Uint32Array(HASHES).fill(0xffffffff);
  const count = Math.max(words.length, 5);
  for (let i = 0; i + 5 <= count; i++) {
    let shingle = FNV_OFFSET;
    for (let w = i; w < i + 5 && w < words.length; w++) {
      if (w > i) shingle = Math.imul(shingle ^ SPACE, FNV_PRIME);
      const word = words[w];
      for (let c = 0; c < word.length; c++) shingle = Math.imul(shingle ^ word.charCodeAt(c), FNV_PRIME);
    }
    shingle >>>= 0;
    const mixed = shingle >>> 13;
    for (let h = 0; h < HASHES; h++) {
      const value = ((Math.imul(shingle ^ SEEDS[h], MULTIPLIERS[h]) >>> 0) ^ mixed) >>> 0;
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
