import type { Evidence } from '../schema/mention.js';

/** The sentence a value was read from, with the value's place in it. */
export interface Excerpt {
  text: string;
  marks: [number, number][];
  clippedStart: boolean;
  clippedEnd: boolean;
}

const BOUNDARY_AFTER = /[.!?](?=\s|$)|\n/g;
const BOUNDARY_BEFORE = /[.!?]\s|\n/g;

/**
 * Cuts the sentence holding `spans` out of the article text. A mention's sentence may be enriched
 * from a follow-up sentence, so the sentence is found around the value itself, starting from the
 * mention's sentence when the value lies in it.
 */
export function excerpt(
  text: string,
  sentenceStart: number,
  spans: Evidence[],
  fallback: Evidence | undefined,
  max = 320,
): Excerpt {
  const valid = spans.filter((span) => span.start < span.end && span.end <= text.length);
  const focus = valid[0] ?? fallback ?? { start: sentenceStart, end: sentenceStart };
  let start =
    sentenceStart <= focus.start && focus.start - sentenceStart < max
      ? sentenceStart
      : lastBoundaryBefore(text, focus.start);
  let end = firstBoundaryAfter(text, Math.max(focus.end, start));
  let clippedStart = false;
  let clippedEnd = false;
  if (end - start > max) {
    // Never cut before (or through) the figure or date the excerpt is about: the window holds every span in
    // the sentence.
    const inside = valid.filter((span) => span.start >= start && span.end <= end);
    const first = Math.min(focus.start, ...inside.map((span) => span.start));
    const last = Math.max(focus.end, ...inside.map((span) => span.end));
    const from = Math.max(start, Math.min(first - Math.floor(max / 3), end - max, first));
    clippedStart = from > start;
    start = from;
    const to = Math.min(end, Math.max(start + max, last));
    clippedEnd = to < end;
    end = to;
  }
  const marks = valid
    .filter((span) => span.start >= start && span.end <= end)
    .map((span) => [span.start - start, span.end - start] as [number, number])
    .sort((a, b) => a[0] - b[0])
    .filter((mark, index, all) => index === 0 || mark[0] >= all[index - 1][1]);
  return { text: text.slice(start, end), marks, clippedStart, clippedEnd };
}

function lastBoundaryBefore(text: string, position: number): number {
  let start = 0;
  for (const match of text.slice(0, position).matchAll(BOUNDARY_BEFORE)) start = match.index + match[0].length;
  return start;
}

function firstBoundaryAfter(text: string, position: number): number {
  BOUNDARY_AFTER.lastIndex = position;
  const match = BOUNDARY_AFTER.exec(text);
  if (!match) return text.length;
  return match[0] === '\n' ? match.index : match.index + 1;
}
