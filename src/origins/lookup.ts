import { bandKeys } from './minhash.js';
import { findOrigin, representativeBands, type OriginCandidate } from './representatives.js';

/** The representatives stored for a text's band keys (src/store/repository.ts). */
export interface OriginCandidates {
  originCandidates(bands: number[]): OriginCandidate[];
}

/**
 * Near-identical texts (reprints, syndication) are one origin: they are not independent sources.
 * The text is compared with a few representatives of each origin that shares a band with it,
 * by stored signatures (representatives.ts): the cost does not grow with how many reprints an
 * origin has. Returns the origin (the text's own, from its content hash, when none is close) and
 * the band keys the text is to represent it on. `bands` are the signature's, when a worker
 * already computed them.
 */
export function lookupOrigin(
  store: OriginCandidates,
  signature: Uint32Array,
  contentHash: string,
  bands: number[] = bandKeys(signature),
): { origin: string; representOn: number[] } {
  const candidates = store.originCandidates(bands);
  const origin = findOrigin(signature, candidates) ?? contentHash.slice(0, 16);
  return { origin, representOn: representativeBands(signature, origin, bands, candidates) };
}
