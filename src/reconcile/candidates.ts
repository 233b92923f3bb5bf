import type { Candidate } from '../schema/event.js';
import type { Interval, TransactionMention } from '../schema/mention.js';
import { intervalsOverlap } from './compatible.js';
import { countDistinct, distinctOf } from './distinct.js';

/** A distinct value of a field, with the mentions that state it. */
export interface ValueGroup {
  interval: Interval;
  mentions: TransactionMention[];
  origins: number;
  bestRank: number;
}

/** 1234567 -> "1,234,567" (as toLocaleString('en-US') writes integers, without its cost); other numbers as String writes them. */
export function formatNumber(value: number): string {
  if (!Number.isSafeInteger(value)) return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}
export const plain = (value: number) => String(Math.round(value * 1e8) / 1e8);

/** Groups exact values that agree (near-agreement included) and keeps hedged ones apart as bounds. */
export function groupValues(
  mentions: TransactionMention[],
  pick: (m: TransactionMention) => Interval | null,
): { exact: ValueGroup[]; hedged: ValueGroup[] } {
  const exact: ValueGroup[] = [];
  const hedged: ValueGroup[] = [];
  for (const mention of mentions) {
    const interval = pick(mention);
    if (!interval) continue;
    const groups = interval.approx ? hedged : exact;
    const group = groups.find(
      (candidate) => candidate.interval.value === interval.value && candidate.interval.approx === interval.approx,
    );
    if (group) group.mentions.push(mention);
    else groups.push({ interval, mentions: [mention], origins: 0, bestRank: 0 });
  }
  for (const groups of [exact, hedged]) {
    for (const group of groups) {
      // Most groups hold one report: its origin and rank, with no set or array built for them.
      if (group.mentions.length === 1) {
        group.origins = 1;
        group.bestRank = group.mentions[0].sourceRank;
      } else {
        group.origins = countDistinct(group.mentions, (m) => m.origin);
        group.bestRank = Math.max(...group.mentions.map((m) => m.sourceRank));
      }
    }
  }
  return { exact, hedged };
}

export function toCandidate(group: ValueGroup, note?: string): Candidate {
  const { value, low, high, approx } = group.interval;
  return {
    value: plain(value),
    mentionKeys: group.mentions.map((m) => m.key),
    sources: distinctOf(group.mentions, (m) => m.source),
    origins: group.origins,
    ...(note ? { note } : {}),
    ...(approx ? { bounds: { low, high } } : {}),
  };
}

/** Do the hedged bounds all admit this value? */
export const boundsAdmit = (hedged: ValueGroup[], value: number) =>
  hedged.every((group) => intervalsOverlap(group.interval, { value, low: value, high: value, approx: false }));
