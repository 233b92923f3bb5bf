import { EXIT, openRepository, UsageError } from '../common.js';
import type { Decider } from '../../review/decide.js';
import type { Repository } from '../../store/repository.js';
import type { LedgerEvent } from '../../schema/event.js';
import { eventLine } from '../../review/render.js';

export interface ReviewOptions {
  db?: string; list?: boolean; json?: boolean; acceptSuggested?: boolean; minConfidence?: string; set?: string[];
  note?: string; undo?: boolean | string; log?: boolean; reviewer?: string; reject?: string; merge?: string; split?: string; filter?: string;
}

/** Exit code of an interactive review stopped with Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const SCRIPTED_USAGE = `datledger review needs a terminal to ask questions; without one, use:
  datledger review --list [--json] [--filter TEXT]        the open conflicts (of one company or field), candidates and suggestions
  datledger review --accept-suggested [--min-confidence X] take every suggestion (of field confidence >= X)
  datledger review --set EVENT_ID.FIELD=VALUE [--note TEXT] decide one field (EVENT_ID may be a unique prefix)
  datledger review --set EVENT_ID.company=NAME            change what the event is: company, action or asset
  datledger review --reject EVENT_ID [--note TEXT]        the event is no transaction: it leaves the ledger
  datledger review --merge EVENT_ID,EVENT_ID [--note TEXT] two (or more) events are one transaction
  datledger review --split MENTION_ID[,MENTION_ID] [--note TEXT] those reports are a transaction of their own
  datledger review --undo [DECISION_ID]                   undo the last decision (or the one given)
  datledger review --log [--json]                         the decisions audit table
`;

/** Which one thing this run does; the flags are modes and do not combine. */
function modeOf(options: ReviewOptions): string | null {
  const modes = [options.list && '--list', options.acceptSuggested && '--accept-suggested', options.set?.length && '--set', options.undo !== undefined && options.undo !== false && '--undo', options.log && '--log',
    options.reject !== undefined && '--reject', options.merge !== undefined && '--merge', options.split !== undefined && '--split']
    .filter((mode): mode is string => typeof mode === 'string');
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} do not combine; give one of them`);
  const mode = modes[0] ?? null;
  if (options.json && mode !== '--list' && mode !== '--log') throw new UsageError('--json goes with --list or --log');
  if (options.filter !== undefined && mode !== null && mode !== '--list') throw new UsageError('--filter goes with --list or the interactive review');
  if (options.minConfidence !== undefined && mode !== '--accept-suggested') throw new UsageError('--min-confidence goes with --accept-suggested');
  if (options.note !== undefined && !['--set', '--accept-suggested', '--reject', '--merge', '--split'].includes(mode ?? '')) throw new UsageError('--note goes with --set, --accept-suggested, --reject, --merge or --split');
  return mode;
}

export async function reviewCommand(options: ReviewOptions): Promise<number> {
  const mode = modeOf(options);
  const minConfidence = options.minConfidence === undefined ? 0 : Number(options.minConfidence);
  if (options.minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) throw new UsageError(`--min-confidence ${options.minConfidence}: expected a number from 0 to 1`);
  if (mode === null && !process.stdin.isTTY) {
    process.stderr.write(SCRIPTED_USAGE);
    return EXIT.usage;
  }
  const { parseAssignment } = await import('../../review/assignment.js');
  const assignments = (options.set ?? []).map((text) => {
    const parsed = parseAssignment(text);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    return { text, ...parsed };
  });
  const { defaultReviewer, openDecider } = await import('../../review/decide.js');
  const reviewer = options.reviewer?.trim() || defaultReviewer();
  // Listing reads; deciding writes (and a missing database has nothing to decide on either way).
  const repository = openRepository(options.db, mode === '--list' || mode === '--log' ? 'read' : 'write');
  try {
    switch (mode) {
      case '--list':
        return await list(repository, options.json === true, options.filter ?? null);
      case '--log':
        return await log(repository, options.json === true);
      case '--set':
        return await set(repository, await openDecider(repository, reviewer), assignments, options.note ?? null);
      case '--undo':
        return await undo(repository, await openDecider(repository, reviewer), options.undo);
      case '--reject': {
        const event = findEvent(repository, options.reject!, '--reject');
        const id = (await openDecider(repository, reviewer)).reject(event, options.note ?? null);
        process.stdout.write(`saved decision #${id}: rejected ${event.id} (${eventLine(event)}); it leaves the ledger, its reports stay stored\n`);
        return EXIT.ok;
      }
      case '--merge':
        return merge(repository, await openDecider(repository, reviewer), options.merge!, options.note ?? null);
      case '--split':
        return split(repository, await openDecider(repository, reviewer), options.split!, options.note ?? null);
      case '--accept-suggested': {
        const { acceptSuggested } = await import('../../review/acceptSuggested.js');
        const result = acceptSuggested(repository, await openDecider(repository, reviewer), minConfidence, options.note ?? null);
        process.stdout.write(`accepted ${result.accepted} suggestion(s); left open: ${result.belowThreshold} below confidence ${minConfidence}, ${result.withoutSuggestion} without a suggestion\n`);
        return EXIT.ok;
      }
      default:
        return await interactive(repository, await openDecider(repository, reviewer), options.filter ?? null);
    }
  } finally {
    repository.db.close();
  }
}

async function list(repository: Repository, json: boolean, filter: string | null): Promise<number> {
  const { openConflicts } = await import('../../review/conflicts.js');
  const { conflictsJson, conflictsTable } = await import('../../review/list.js');
  const { matchesFilter } = await import('../../review/session.js');
  const conflicts = openConflicts(repository.allEvents()).filter((conflict) => !filter?.trim() || matchesFilter(conflict, filter.trim()));
  process.stdout.write(json ? conflictsJson(repository, conflicts) : conflictsTable(conflicts));
  return EXIT.ok;
}

async function log(repository: Repository, json: boolean): Promise<number> {
  const { logJson, logTable } = await import('../../review/log.js');
  const entries = repository.decisionLog();
  const events = repository.allEvents();
  process.stdout.write(json ? logJson(entries, events) : logTable(entries, events));
  return EXIT.ok;
}

/** Every assignment is checked before the first is written, so a typo in the third saves none. */
async function set(repository: Repository, decider: Decider, assignments: { text: string; eventId: string; field: string; value: string }[], note: string | null): Promise<number> {
  const { validateValue } = await import('../../review/validateValue.js');
  const { displayValue } = await import('../../review/render.js');
  const checked = assignments.map((assignment) => {
    const ids = repository.eventIdsByPrefix(assignment.eventId);
    if (ids.length === 0) throw new UsageError(`--set ${assignment.text}: no event ${assignment.eventId}; list them with: datledger review --list (or datledger export)`);
    if (ids.length > 1) throw new UsageError(`--set ${assignment.text}: ${assignment.eventId} is the start of ${ids.length} event ids (${ids.slice(0, 5).join(', ')}); give more of it`);
    const value = validateValue(assignment.field, assignment.value);
    if (!value.ok) throw new UsageError(`--set ${assignment.text}: ${value.error}`);
    return { id: ids[0], field: assignment.field, value: value.value };
  });
  for (const { id, field, value } of checked) {
    const event = repository.event(id);
    if (!event) throw new UsageError(`event ${id} is gone (re-reconciled meanwhile?); run the command again`);
    const before = field === 'company' || field === 'action' || field === 'asset' ? event[field] : event.fields[field]?.value ?? null;
    const decision = decider.decide(event, field, value, note);
    process.stdout.write(`saved decision #${decision}: ${id}.${field} = ${displayValue(field, value)} (was ${displayValue(field, before)})\n`);
  }
  return EXIT.ok;
}

async function undo(repository: Repository, decider: Decider, which: boolean | string | undefined): Promise<number> {
  const { displayValue } = await import('../../review/render.js');
  const id = typeof which === 'string' ? Number(which.replace(/^#/, '')) : undefined;
  if (id !== undefined && !(Number.isInteger(id) && id > 0)) throw new UsageError(`--undo ${which}: expected a decision number, as review --log shows it`);
  const undone = decider.undo(id);
  if (!undone) {
    if (id !== undefined) throw new UsageError(`--undo ${id}: no decision #${id} in force; see datledger review --log`);
    process.stderr.write('nothing to undo\n');
    return EXIT.ok;
  }
  process.stdout.write(`undid decision #${undone.id}: ${undone.blockKey.split('|').join(' · ')} ${undone.field} = ${displayValue(undone.field, undone.value)}\n`);
  return EXIT.ok;
}

/** An event by id, unique prefix, or an id it had before a merge, split or move. */
function findEvent(repository: Repository, given: string, flag: string): LedgerEvent {
  const text = given.trim();
  const ids = text ? repository.eventIdsByPrefix(text) : [];
  if (ids.length > 1) throw new UsageError(`${flag} ${given}: ${text} is the start of ${ids.length} event ids (${ids.slice(0, 5).join(', ')}); give more of it`);
  if (ids.length === 1) return repository.event(ids[0])!;
  const now = text ? repository.resolveAlias(text) : [];
  if (now.length === 1) return repository.event(now[0].eventId)!;
  if (now.length > 1) throw new UsageError(`${flag} ${given}: that event became ${now.map((n) => n.eventId).join(' and ')}; give one of them`);
  throw new UsageError(`${flag} ${given}: no event ${text}; list them with: datledger export (or datledger review --list)`);
}

function merge(repository: Repository, decider: Decider, given: string, note: string | null): number {
  const events = [...new Map(given.split(',').filter((part) => part.trim()).map((part) => findEvent(repository, part, '--merge')).map((event) => [event.id, event])).values()];
  if (events.length < 2) throw new UsageError(`--merge ${given}: expected two or more different events, e.g. --merge 3f2a9c,81b0d4`);
  const differing = events.find((event) => event.blockKey !== events[0].blockKey);
  if (differing) {
    throw new UsageError(`--merge ${given}: ${events[0].id} is ${events[0].blockKey.split('|').join(' · ')} but ${differing.id} is ${differing.blockKey.split('|').join(' · ')}; `
      + `make them agree first, e.g. datledger review --set ${differing.id}.company="${events[0].company}"`);
  }
  const id = decider.merge(events, note);
  const merged = repository.eventOfMention(events[0].mentionKeys[0]);
  process.stdout.write(`saved decision #${id}: merged ${events.map((event) => event.id).join(' + ')} into ${merged?.id ?? '?'}${merged ? ` (${eventLine(merged)})` : ''}\n`);
  return EXIT.ok;
}

function split(repository: Repository, decider: Decider, given: string, note: string | null): number {
  const keys = given.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const found = repository.mentionKeysByPrefix(part);
    if (found.length === 0) throw new UsageError(`--split ${given}: no report ${part}; the mention_id column of datledger export --level mentions lists them`);
    if (found.length > 1 && !found.includes(part)) throw new UsageError(`--split ${given}: ${part} is the start of ${found.length} mention ids; give more of it`);
    return found.includes(part) ? part : found[0];
  });
  if (keys.length === 0) throw new UsageError(`--split ${given}: expected one or more mention ids, e.g. --split 534bfe107c6010ed:0`);
  const event = repository.eventOfMention(keys[0]);
  if (!event) throw new UsageError(`--split ${given}: ${keys[0]} belongs to no event (rejected?); see datledger review --log`);
  const outside = keys.find((key) => !event.mentionKeys.includes(key));
  if (outside) throw new UsageError(`--split ${given}: ${outside} is not a report of event ${event.id}; split reports of one event at a time`);
  if (keys.length >= event.mentionKeys.length) throw new UsageError(`--split ${given}: those are all the reports of event ${event.id}; nothing would be left to split from`);
  const id = decider.split(event, [...new Set(keys)], note);
  const off = repository.eventOfMention(keys[0]);
  process.stdout.write(`saved decision #${id}: split ${keys.join(', ')} off ${event.id} into ${off?.id ?? '?'}${off ? ` (${eventLine(off)})` : ''}\n`);
  return EXIT.ok;
}

async function interactive(repository: Repository, decider: Decider, filter: string | null): Promise<number> {
  const { reviewSession } = await import('../../review/session.js');
  const { styleFor } = await import('../../review/style.js');
  const { openConflicts } = await import('../../review/conflicts.js');
  if (openConflicts(repository.allEvents()).length === 0) {
    process.stdout.write('No open conflicts: nothing to review.\n');
    return EXIT.ok;
  }
  const result = await reviewSession({ repository, decider, output: process.stdout, style: styleFor(process.stdout), filter });
  const next = result.open ? ' Run datledger review again to go on from the first one still open.' : '';
  process.stdout.write(`\n${result.interrupted ? 'Interrupted. ' : ''}${result.decided} decided this session, ${result.skipped} skipped, ${result.open} still open.${next}\n`);
  return result.interrupted ? INTERRUPTED : EXIT.ok;
}
