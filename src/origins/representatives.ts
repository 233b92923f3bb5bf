import { NEAR_DUPLICATE, similarity } from './minhash.js';

/**
 * Near-identical texts (reprints, syndication) are one origin. A text is compared not with every
 * earlier text that shares an LSH band with it (in a cluster of n reprints that is n each, so n^2
 * in all) but with a few representatives of each origin in each band, kept in the store with
 * their signatures: the cost of a lookup does not grow with the size of a cluster.
 */

/**
 * Representatives one band key keeps, all origins together: a lookup reads at most 16 x this many.
 * Keys that fill up are those a template's fixed paragraphs make (every weekly update of every
 * company shares them); a true reprint shares several other keys with its origin. On 20,000
 * syndicated articles, 8 (against 32) read 60 candidates a text instead of 148 and grouped as
 * well: pairs of copies of one release found 47.4% (46.8% by the old lookup), pairs of
 * different releases put together fewer.
 */
export const REPRESENTATIVES_PER_BAND = 8;
/** Representatives one origin keeps in one band key: its reprints differ (cut short, a lead-in added), and a new text may be close to one of them only. */
export const REPRESENTATIVES_PER_ORIGIN = 4;
/** A text this close to a representative of its origin in a band adds nothing to it there. */
export const COVERED = 0.9;

/** A representative that shares a band key with the text looked up. */
export interface OriginCandidate {
  band: number;
  origin: string;
  id: number;
  signature: Uint32Array;
}

/**
 * The origin of a text: that of the earliest representative (by document) at least NEAR_DUPLICATE
 * similar to it, or null for a text of its own. Candidates come in document order.
 */
export function findOrigin(signature: Uint32Array, candidates: readonly OriginCandidate[]): string | null {
  for (const candidate of candidates)
    if (similarity(signature, candidate.signature) >= NEAR_DUPLICATE) return candidate.origin;
  return null;
}

/**
 * The band keys a text becomes a representative of its origin on: those where its origin has
 * fewer than REPRESENTATIVES_PER_ORIGIN representatives, none of them COVERED-close to it, and the
 * key has room. The first text of an origin represents it on every key with room.
 */
export function representativeBands(
  signature: Uint32Array,
  origin: string,
  bands: readonly number[],
  candidates: readonly OriginCandidate[],
): number[] {
  const onBand = new Map<number, OriginCandidate[]>();
  for (const candidate of candidates) {
    const list = onBand.get(candidate.band);
    if (list) list.push(candidate);
    else onBand.set(candidate.band, [candidate]);
  }
  return bands.filter((band) => {
    const present = onBand.get(band) ?? [];
    if (present.length >= REPRESENTATIVES_PER_BAND) return false;
    const own = present.filter((candidate) => candidate.origin === origin);
    return (
      own.length < REPRESENTATIVES_PER_ORIGIN &&
      own.every((candidate) => similarity(signature, candidate.signature) < COVERED)
    );
  });
}
