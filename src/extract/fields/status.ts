import type { Status } from '../../schema/mention.js';
import type { Draft, TransactionSite } from './site.js';

/**
 * Who vouches for the transaction. By default a mined figure is the company's own account, a
 * transfer an inference, anything else the press's; a pattern may say otherwise (a KPI table row
 * is confirmed). Headlines and related links only report. Then the sentence: the company speaking
 * confirms it, on-chain language makes it unconfirmed.
 */
export function resolveStatus(site: TransactionSite, draft: Draft): void {
  const { anchor, zone, sentence, rulebook } = site;
  const confirmation = zone === 'body' ? rulebook.confirmed.find((cue) => cue.regex.test(sentence.tagged)) : undefined;
  const unconfirmed = rulebook.unconfirmed.find((cue) => cue.regex.test(sentence.tagged));
  let status: Status =
    anchor.action === 'transfer' ? 'unconfirmed' : anchor.action === 'mine' ? 'confirmed' : 'reported';
  let rule = `status.default-${anchor.action}-${zone}`;
  if (zone === 'body' && anchor.status) [status, rule] = [anchor.status, `status.${anchor.rule}`];
  if (zone === 'related' || zone === 'heading') status = anchor.action === 'transfer' ? 'unconfirmed' : 'reported';
  if (confirmation) [status, rule] = ['confirmed', confirmation.id];
  if (unconfirmed) [status, rule] = ['unconfirmed', unconfirmed.id];
  draft.status = status;
  draft.provenance.status = [{ ...site.anchorEvidence, rule }];
}
