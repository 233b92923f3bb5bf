/** MinHash values in a signature (its length). */
export const HASHES = 64;
export const BAND_COUNT = 16;
const ROWS = HASHES / BAND_COUNT;
/** Above this estimated Jaccard similarity of word 5-shingles, two texts are one origin (a reprint). */
export const NEAR_DUPLICATE = 0.7;
/**
 * The version of signature() and bandKeys() together. Stored signatures and bands carry it: any
 * change to either function must raise it, and a database opened with stored values of another
 * version has them recomputed from its texts (src/store/signatures.ts), never by a migration.
 */
export const SIGNATURE_VERSION = 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const EMPTY = 0xffffffff;
const BIN_SHIFT = 32 - Math.log2(HASHES);

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** ASCII letters and digits, by code: the common case, without a regex per character. */
const isAsciiWordCode = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);

/**
 * FNV-1a hash (mixed) of every word of a lower-cased text, a word being a run of letters and
 * digits in any script. One pass over the characters; no word strings are made.
 */
function wordHashes(text: string): Int32Array {
  const hashes: number[] = [];
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    let word: boolean;
    let width = 1;
    if (code < 128) word = isAsciiWordCode(code);
    else {
      // Outside ASCII, ask the regex, a whole code point at a time (a surrogate pair is one letter).
      const point = text.codePointAt(at)!;
      width = point > 0xffff ? 2 : 1;
      word = WORD_CHARACTER.test(String.fromCodePoint(point));
    }
    if (word) {
      for (let unit = 0; unit < width; unit++) hash = Math.imul(hash ^ text.charCodeAt(at + unit), FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      hashes.push(mix(hash));
      hash = FNV_OFFSET;
      inWord = false;
    }
    at += width - 1;
  }
  if (inWord) hashes.push(mix(hash));
  return Int32Array.from(hashes);
}

/** MurmurHash3's finaliser: spreads FNV's weak high bits, which choose the bin. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * MinHash signature of an article's word 5-shingles, by one-permutation hashing (Li, Owen and
 * Zhang 2012): each shingle is hashed once; the top bits choose one of 64 bins and the bin keeps
 * its smallest value. Classic MinHash hashed every shingle 64 times and was a fifth of the time
 * spent on an article. Bins no shingle fell in borrow from the next filled bin to the right,
 * marked by the distance (densification, Shrivastava and Li 2014), so short texts still compare.
 * The fraction of equal bins estimates the Jaccard similarity, as before.
 *
 * Stored signatures and bands come from this function: a change to it must raise
 * SIGNATURE_VERSION, which has them recomputed when a database is opened.
 */
export function signature(text: string): Uint32Array {
  const words = wordHashes(text.toLowerCase());
  const bins = new Uint32Array(HASHES).fill(EMPTY);
  // A text of fewer than five words is one shingle (so even an empty text has a signature).
  const count = Math.max(words.length, 5);
  for (let i = 0; i + 5 <= count; i++) {
    // The shingle: its five word hashes folded in order (each word is hashed once, not five times).
    let shingle = FNV_OFFSET;
    for (let w = i; w < i + 5 && w < words.length; w++) shingle = Math.imul(shingle ^ words[w], FNV_PRIME);
    const hash = mix(shingle);
    const bin = hash >>> BIN_SHIFT;
    // The value: a second mix, 31 bits, so no shingle's value is EMPTY.
    const value = mix(hash ^ 0x9e3779b9) >>> 1;
    if (value < bins[bin]) bins[bin] = value;
  }
  const signature = new Uint32Array(HASHES);
  for (let bin = 0; bin < HASHES; bin++) {
    let distance = 0;
    while (bins[(bin + distance) % HASHES] === EMPTY) distance++;
    const value = bins[(bin + distance) % HASHES];
    signature[bin] = distance === 0 ? value : (mix(value ^ Math.imul(distance, 0x9e3779b1)) >>> 1) | 0x80000000;
  }
  return signature;
}

/**
 * LSH band keys: texts sharing any band are candidates for a closer look. A key is an integer
 * below 2^52 (the band's number in the top bits, 48 bits of hash of its rows), so the store
 * indexes numbers, not strings.
 */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BAND_COUNT; band++) {
    let high = band + 1;
    let low = 0x9e3779b9;
    for (let row = band * ROWS; row < (band + 1) * ROWS; row++) {
      high = mix(high ^ sig[row]);
      low = mix(low ^ sig[row] ^ high);
    }
    keys.push(band * 2 ** 48 + (high & 0xffff) * 2 ** 32 + low);
  }
  return keys;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}
