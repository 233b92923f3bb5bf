import type { TransactionMention } from '../schema/mention.js';
import type { Clustered } from './cluster.js';
import { blockKey } from '../schema/block.js';
import type { Decision } from './decisions.js';

/**
 * Review decisions on what an event is, not on one of its values: a mention's company, action or
 * asset changed (it moves to another block), two events merged, mentions split off into an event
 * of their own, an event rejected as no transaction at all. Each is kept by the mentions it was
 * made on, like a value decision, and applied on every reconcile: recasts before blocking, the
 * rest to a block's clusters before they are resolved, in the order they were made.
 */
export const RECAST_FIELDS = ['company', 'action', 'asset'] as const;
export type RecastField = (typeof RECAST_FIELDS)[number];
export const STRUCTURE_FIELDS = new Set<string>([...RECAST_FIELDS, 'merge', 'split', 'reject']);

export const isRecast = (field: string): field is RecastField => (RECAST_FIELDS as readonly string[]).includes(field);
export const isStructural = (field: string) => STRUCTURE_FIELDS.has(field);

/** The block a recast moves its mentions to: `company|asset|action` with one part replaced. */
export function recastTarget(fromBlock: string, field: RecastField, value: string): string {
  const [company, asset, action] = fromBlock.split('|');
  return blockKey({
    company: field === 'company' ? value : company,
    asset: field === 'asset' ? value : asset,
    action: (field === 'action' ? value : action) as TransactionMention['action'],
  });
}

/** Mentions as review recast them (later decisions win); the rest untouched, in the order given. */
export function applyRecasts(mentions: TransactionMention[], decisions: Decision[]): TransactionMention[] {
  const recasts = decisions.filter((decision) => isRecast(decision.field)).sort((a, b) => a.id - b.id);
  if (recasts.length === 0) return mentions;
  const changes = new Map<string, Partial<Pick<TransactionMention, RecastField | 'ticker'>>>();
  for (const decision of recasts) {
    for (const key of decision.mentionKeys) {
      const change = { ...changes.get(key), [decision.field]: decision.value };
      // The ticker named the company the reports gave; another company's is not known here.
      if (decision.field === 'company') change.ticker = null;
      changes.set(key, change);
    }
  }
  return mentions.map((mention) => {
    const change = changes.get(mention.key);
    return change ? { ...mention, ...change } : mention;
  });
}

/** Merges, splits and rejections of one block's clusters, in decision order; returns the clusters kept. */
export function applyStructure(clusters: Clustered[], decisions: Decision[]): Clustered[] {
  let result = clusters;
  for (const decision of [...decisions].sort((a, b) => a.id - b.id)) {
    const keys = new Set(decision.mentionKeys);
    const holding = result.filter((cluster) => cluster.members.some((member) => keys.has(member.key)));
    if (holding.length === 0) continue;
    if (decision.field === 'merge') {
      if (holding.length < 2) continue;
      const merged: Clustered = {
        members: holding.flatMap((cluster) => cluster.members),
        notes: [...holding.flatMap((cluster) => cluster.notes), `merged in review (decision ${decision.id})`],
      };
      result = [merged, ...result.filter((cluster) => !holding.includes(cluster))];
    } else if (decision.field === 'split') {
      const off = holding.flatMap((cluster) => cluster.members.filter((member) => keys.has(member.key)));
      const rest = holding
        .map((cluster) => ({ ...cluster, members: cluster.members.filter((member) => !keys.has(member.key)) }))
        .filter((cluster) => cluster.members.length > 0);
      result = [
        ...result.filter((cluster) => !holding.includes(cluster)),
        ...rest,
        { members: off, notes: [`split off in review (decision ${decision.id})`] },
      ];
    } else if (decision.field === 'reject') {
      // The cluster holding most of the rejected mentions is no transaction, whatever joined it since.
      const shared = (cluster: Clustered) => cluster.members.filter((member) => keys.has(member.key)).length;
      const rejected = holding.reduce((best, cluster) => (shared(cluster) > shared(best) ? cluster : best));
      result = result.filter((cluster) => cluster !== rejected);
    }
  }
  return result;
}

/**
 * The blocks to reconcile together: a block a review recast moved mentions out of or into is
 * rebuilt with the other, since its stored mentions and its events then live in different blocks.
 */
export function withRecastBlocks(blocks: Set<string>, recasts: Decision[]): Set<string> {
  const result = new Set(blocks);
  for (let grew = true; grew;) {
    grew = false;
    for (const decision of recasts) {
      if (!isRecast(decision.field)) continue;
      const target = recastTarget(decision.blockKey, decision.field, decision.value);
      if (result.has(decision.blockKey) !== result.has(target)) {
        result.add(decision.blockKey);
        result.add(target);
        grew = true;
      }
    }
  }
  return result;
}

/** The blocks a decision touches: its own, and for a recast the block it moves mentions to. */
export function blocksOfDecision(decision: Pick<Decision, 'blockKey' | 'field' | 'value'>): Set<string> {
  return new Set([
    decision.blockKey,
    ...(isRecast(decision.field) ? [recastTarget(decision.blockKey, decision.field, decision.value)] : []),
  ]);
}
