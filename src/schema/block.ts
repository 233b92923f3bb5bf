import type { TransactionMention } from './mention.js';

/**
 * A block: the mentions of one company, asset and action, the only ones reconcile compares with
 * each other. Its key names mentions, events and review decisions in the store, so the store and
 * reconcile share this one definition.
 */
export const blockKey = (mention: Pick<TransactionMention, 'company' | 'asset' | 'action'>) =>
  `${mention.company}|${mention.asset}|${mention.action}`;

/**
 * A person's choice for one field of one event, kept by the mentions it was made on
 * (src/reconcile/decisions.ts applies it).
 */
export interface Decision {
  id: number;
  blockKey: string;
  field: string;
  value: string;
  mentionKeys: string[];
}
