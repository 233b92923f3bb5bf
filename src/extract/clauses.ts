import type { Chunk, TaggedSentence } from './chunks.js';
import type { Anchor } from './anchors.js';

export interface PlacedChunk {
  chunk: Chunk;
  at: number;
}

/** Chunks with their positions in the tagged text. */
export function placeChunks(sentence: TaggedSentence): PlacedChunk[] {
  const placed: PlacedChunk[] = [];
  let index = 0;
  for (const match of sentence.tagged.matchAll(/⟦[QMCDN]\d+⟧/g))
    placed.push({ chunk: sentence.chunks[index++], at: match.index! });
  return placed;
}

/**
 * The stretch of a sentence that belongs to one anchor: its subject side runs back to the previous
 * anchor or a semicolon; its tail runs on to a semicolon, the next anchor, or the company that
 * begins the next anchor's clause ("..., while Cleanspark disclosed selling ...").
 */
export function clauseOf(
  sentence: TaggedSentence,
  anchors: Anchor[],
  index: number,
  placed: PlacedChunk[],
): { subjectStart: number; tailEnd: number } {
  const anchor = anchors[index];
  // Anchors on one figure ("sold all 520 BTC it mined") share one clause: neither ends the other's.
  const sameFigure = (other: Anchor) => other.quantity === anchor.quantity;
  let previousIndex = index - 1;
  while (previousIndex >= 0 && sameFigure(anchors[previousIndex])) previousIndex--;
  const previous = previousIndex >= 0 ? clauseOf(sentence, anchors, previousIndex, placed) : null;
  const next = anchors.slice(index + 1).find((other) => !sameFigure(other));
  const semicolonBefore = sentence.tagged.lastIndexOf(';', anchor.start);
  const subjectStart = Math.min(anchor.start, Math.max(previous ? previous.tailEnd : 0, semicolonBefore + 1));
  let tailEnd = sentence.tagged.length;
  const semicolonAfter = sentence.tagged.indexOf(';', anchor.end);
  if (semicolonAfter >= 0) tailEnd = Math.min(tailEnd, semicolonAfter);
  if (next) {
    tailEnd = Math.min(tailEnd, next.start);
    // ", and in a Jan. 6 filing it disclosed that it had sold ...": a coordinated clause starts the next
    // transaction's side.
    const boundary = /,\s+(?:and|but|while|whereas|then)\s/g;
    boundary.lastIndex = anchor.end;
    const found = boundary.exec(sentence.tagged);
    if (found && found.index < next.start) tailEnd = Math.min(tailEnd, found.index);
    const nextSubject = placed
      .filter((item) => item.chunk.type === 'C' && item.at >= anchor.end && item.at < next.start)
      .at(0);
    if (nextSubject) tailEnd = Math.min(tailEnd, nextSubject.at);
  }
  return { subjectStart, tailEnd: Math.max(tailEnd, anchor.end) };
}
