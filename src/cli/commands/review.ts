import { EXIT, UsageError, withRepository } from '../common.js';
import type { Decider } from '../../review/decide.js';
import type { Repository } from '../../store/repository.js';
import type { LedgerEvent } from '../../schema/event.js';
import { eventLine } from '../../review/render.js';
import type { CliIo } from '../io.js';

export interface ReviewOptions {
  db?: string;
  list?: boolean;
  json?: boolean;
  acceptSuggested?: boolean;
  minConfidence?: string;
  set?: string[];
  note?: string;
  undo?: boolean | string;
  log?: boolean;
  reviewer?: string;
  reject?: string;
  merge?: string;
  split?: string;
  filter?: string;
}

/** What every deciding subcommand takes: the database, who decides, and a note kept with the decision. */
export interface DecideOptions {
  db?: string;
  reviewer?: string;
  note?: string;
}

/** Exit code of an interactive review stopped with Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const SCRIPTED_USAGE = `datledger review needs a terminal to ask questions; without one, use:
  datledger review list [--json] [--filter TEXT]        the open conflicts (of one company or field), candidates and suggestions
  datledger review accept [--min-confidence X]          take every suggestion (of field confidence >= X)
  datledger review set EVENT_ID.FIELD=VALUE [--note TEXT] decide one field (EVENT_ID may be a unique prefix)
  datledger review set EVENT_ID.company=NAME            change what the event is: company, action or asset
  datledger review reject EVENT_ID [--note TEXT]        the event is no transaction: it leaves the ledger
  datledger review merge EVENT_ID EVENT_ID [--note TEXT] two (or more) events are one transaction
  datledger review split MENTION_ID... [--note TEXT]    those reports are a transaction of their own
  datledger review undo [DECISION_ID]                   undo the last decision (or the one given)
  datledger review log [--json]                         the decisions audit table
The older flag forms still work: --list [--json], --accept-suggested [--min-confidence X],
--set EVENT_ID.FIELD=VALUE [--note TEXT], --reject, --merge, --split, --undo, --log [--json].
`;

/** Which one thing a run with the older flags does; the flags are modes and do not combine. */
function modeOf(options: ReviewOptions): string | null {
  const modes = [
    options.list && '--list',
    options.acceptSuggested && '--accept-suggested',
    options.set?.length && '--set',
    options.undo !== undefined && options.undo !== false && '--undo',
    options.log && '--log',
    options.reject !== undefined && '--reject',
    options.merge !== undefined && '--merge',
    options.split !== undefined && '--split',
  ].filter((mode): mode is string => typeof mode === 'string');
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} do not combine; give one of them`);
  const mode = modes[0] ?? null;
  if (options.json && mode !== '--list' && mode !== '--log') throw new UsageError('--json goes with --list or --log');
  if (options.filter !== undefined && mode !== null && mode !== '--list')
    throw new UsageError('--filter goes with --list or the interactive review');
  if (options.minConfidence !== undefined && mode !== '--accept-suggested')
    throw new UsageError('--min-confidence goes with --accept-suggested');
  if (
    options.note !== undefined &&
    !['--set', '--accept-suggested', '--reject', '--merge', '--split'].includes(mode ?? '')
  )
    throw new UsageError('--note goes with --set, --accept-suggested, --reject, --merge or --split');
  return mode;
}

/**
 * `datledger review` with no subcommand: the interactive review on a terminal. The older flags
 * (--list, --set, ...) are aliases of the subcommands, kept for scripts and tools that use them.
 */
export async function reviewCommand(options: ReviewOptions, io: CliIo): Promise<number> {
  switch (modeOf(options)) {
    case '--list':
      return reviewList(options, io);
    case '--log':
      return reviewLog(options, io);
    case '--set':
      return reviewSet(options.set!, options, io, '--set');
    case '--undo':
      return reviewUndo(typeof options.undo === 'string' ? options.undo : undefined, options, io, '--undo');
    case '--reject':
      return reviewReject(options.reject!, options, io, '--reject');
    case '--merge':
      return reviewMerge([options.merge!], options, io, '--merge');
    case '--split':
      return reviewSplit([options.split!], options, io, '--split');
    case '--accept-suggested':
      return reviewAccept(options, io);
    default: {
      if (!io.stdin.isTTY) {
        io.stderr.write(SCRIPTED_USAGE);
        return EXIT.usage;
      }
      return withDecider(options, async (repository, decider) =>
        interactive(repository, decider, options.filter ?? null, io),
      );
    }
  }
}

/** Runs `decide` against the database opened for writing, with the reviewer's decider; closes it after. */
async function withDecider(
  options: DecideOptions,
  decide: (repository: Repository, decider: Decider) => Promise<number> | number,
): Promise<number> {
  const { defaultReviewer, openDecider } = await import('../../review/decide.js');
  const reviewer = options.reviewer?.trim() || defaultReviewer();
  // A missing database has nothing to decide on: 'write' never creates one.
  return withRepository(options.db, 'write', async (repository) =>
    decide(repository, await openDecider(repository, reviewer)),
  );
}

export async function reviewList(
  options: { db?: string; json?: boolean; filter?: string },
  io: CliIo,
): Promise<number> {
  return withRepository(options.db, 'read', (repository) =>
    list(repository, options.json === true, options.filter ?? null, io),
  );
}

export async function reviewLog(options: { db?: string; json?: boolean }, io: CliIo): Promise<number> {
  return withRepository(options.db, 'read', (repository) => log(repository, options.json === true, io));
}

/** `flag` names the form the user typed (`set` or the older `--set`) in error messages. */
export async function reviewSet(texts: string[], options: DecideOptions, io: CliIo, flag = 'set'): Promise<number> {
  const { parseAssignment } = await import('../../review/assignment.js');
  const assignments = texts.map((text) => {
    const parsed = parseAssignment(text);
    if (typeof parsed === 'string') throw new UsageError(parsed.replace(/^--set /, `${flag} `));
    return { text, ...parsed };
  });
  return withDecider(options, (repository, decider) =>
    set(repository, decider, assignments, options.note ?? null, io, flag),
  );
}

export async function reviewUndo(
  which: string | undefined,
  options: DecideOptions,
  io: CliIo,
  flag = 'undo',
): Promise<number> {
  return withDecider(options, (_repository, decider) => undo(decider, which, io, flag));
}

export async function reviewReject(given: string, options: DecideOptions, io: CliIo, flag = 'reject'): Promise<number> {
  return withDecider(options, (repository, decider) => {
    const event = findEvent(repository, given, flag);
    const id = decider.reject(event, options.note ?? null);
    io.stdout.write(
      `saved decision #${id}: rejected ${event.id} (${eventLine(event)}); ` +
        'it leaves the ledger, its reports stay stored\n',
    );
    return EXIT.ok;
  });
}

/** Events as separate arguments, comma-separated, or both. */
export async function reviewMerge(given: string[], options: DecideOptions, io: CliIo, flag = 'merge'): Promise<number> {
  return withDecider(options, (repository, decider) =>
    merge(repository, decider, given.join(','), options.note ?? null, io, flag),
  );
}

export async function reviewSplit(given: string[], options: DecideOptions, io: CliIo, flag = 'split'): Promise<number> {
  return withDecider(options, (repository, decider) =>
    split(repository, decider, given.join(','), options.note ?? null, io, flag),
  );
}

export async function reviewAccept(options: DecideOptions & { minConfidence?: string }, io: CliIo): Promise<number> {
  const minConfidence = options.minConfidence === undefined ? 0 : Number(options.minConfidence);
  if (options.minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1))
    throw new UsageError(`--min-confidence ${options.minConfidence}: expected a number from 0 to 1`);
  const { acceptSuggested } = await import('../../review/acceptSuggested.js');
  return withDecider(options, (repository, decider) => {
    const result = acceptSuggested(repository, decider, minConfidence, options.note ?? null);
    io.stdout.write(
      `accepted ${result.accepted} suggestion(s); ` +
        `left open: ${result.belowThreshold} below confidence ${minConfidence}, ` +
        `${result.withoutSuggestion} without a suggestion\n`,
    );
    return EXIT.ok;
  });
}

async function list(repository: Repository, json: boolean, filter: string | null, io: CliIo): Promise<number> {
  const { openConflicts } = await import('../../review/conflicts.js');
  const { conflictsJson, conflictsTable } = await import('../../review/list.js');
  const { matchesFilter } = await import('../../review/session.js');
  const conflicts = openConflicts(repository.allEvents()).filter(
    (conflict) => !filter?.trim() || matchesFilter(conflict, filter.trim()),
  );
  io.stdout.write(json ? conflictsJson(repository, conflicts) : conflictsTable(conflicts));
  return EXIT.ok;
}

async function log(repository: Repository, json: boolean, io: CliIo): Promise<number> {
  const { logJson, logTable } = await import('../../review/log.js');
  const entries = repository.decisionLog();
  const events = repository.allEvents();
  io.stdout.write(json ? logJson(entries, events) : logTable(entries, events));
  return EXIT.ok;
}

/** Every assignment is checked before the first is written, so a typo in the third saves none. */
async function set(
  repository: Repository,
  decider: Decider,
  assignments: { text: string; eventId: string; field: string; value: string }[],
  note: string | null,
  io: CliIo,
  flag: string,
): Promise<number> {
  const { validateValue } = await import('../../review/validateValue.js');
  const { displayValue } = await import('../../review/render.js');
  const checked = assignments.map((assignment) => {
    const ids = repository.eventIdsByPrefix(assignment.eventId);
    if (ids.length === 0)
      throw new UsageError(
        `${flag} ${assignment.text}: no event ${assignment.eventId}; ` +
          'list them with: datledger review list (or datledger export)',
      );
    if (ids.length > 1)
      throw new UsageError(
        `${flag} ${assignment.text}: ${assignment.eventId} is the start of ${ids.length} event ids ` +
          `(${ids.slice(0, 5).join(', ')}); give more of it`,
      );
    const value = validateValue(assignment.field, assignment.value);
    if (!value.ok) throw new UsageError(`${flag} ${assignment.text}: ${value.error}`);
    return { id: ids[0], field: assignment.field, value: value.value };
  });
  for (const { id, field, value } of checked) {
    const event = repository.event(id);
    if (!event) throw new UsageError(`event ${id} is gone (re-reconciled meanwhile?); run the command again`);
    const before =
      field === 'company' || field === 'action' || field === 'asset'
        ? event[field]
        : (event.fields[field]?.value ?? null);
    const decision = decider.decide(event, field, value, note);
    io.stdout.write(
      `saved decision #${decision}: ${id}.${field} = ${displayValue(field, value)} ` +
        `(was ${displayValue(field, before)})\n`,
    );
  }
  return EXIT.ok;
}

async function undo(decider: Decider, which: string | undefined, io: CliIo, flag: string): Promise<number> {
  const { displayValue } = await import('../../review/render.js');
  const id = which === undefined ? undefined : Number(which.replace(/^#/, ''));
  if (id !== undefined && !(Number.isInteger(id) && id > 0))
    throw new UsageError(`${flag} ${which}: expected a decision number, as datledger review log shows it`);
  const undone = decider.undo(id);
  if (!undone) {
    if (id !== undefined) throw new UsageError(`${flag} ${id}: no decision #${id} in force; see datledger review log`);
    io.stderr.write('nothing to undo\n');
    return EXIT.ok;
  }
  io.stdout.write(
    `undid decision #${undone.id}: ${undone.blockKey.split('|').join(' · ')} ${undone.field} = ` +
      `${displayValue(undone.field, undone.value)}\n`,
  );
  return EXIT.ok;
}

/** An event by id, unique prefix, or an id it had before a merge, split or move. */
function findEvent(repository: Repository, given: string, flag: string): LedgerEvent {
  const text = given.trim();
  const ids = text ? repository.eventIdsByPrefix(text) : [];
  if (ids.length > 1)
    throw new UsageError(
      `${flag} ${given}: ${text} is the start of ${ids.length} event ids ` +
        `(${ids.slice(0, 5).join(', ')}); give more of it`,
    );
  if (ids.length === 1) return repository.event(ids[0])!;
  const now = text ? repository.resolveAlias(text) : [];
  if (now.length === 1) return repository.event(now[0].eventId)!;
  if (now.length > 1)
    throw new UsageError(
      `${flag} ${given}: that event became ${now.map((n) => n.eventId).join(' and ')}; give one of them`,
    );
  throw new UsageError(
    `${flag} ${given}: no event ${text}; list them with: datledger export (or datledger review list)`,
  );
}

function merge(
  repository: Repository,
  decider: Decider,
  given: string,
  note: string | null,
  io: CliIo,
  flag: string,
): number {
  const events = [
    ...new Map(
      given
        .split(',')
        .filter((part) => part.trim())
        .map((part) => findEvent(repository, part, flag))
        .map((event) => [event.id, event]),
    ).values(),
  ];
  if (events.length < 2)
    throw new UsageError(
      `${flag} ${given}: expected two or more different events, e.g. datledger review merge 3f2a9c 81b0d4`,
    );
  const differing = events.find((event) => event.blockKey !== events[0].blockKey);
  if (differing) {
    throw new UsageError(
      `${flag} ${given}: ${events[0].id} is ${events[0].blockKey.split('|').join(' · ')} ` +
        `but ${differing.id} is ${differing.blockKey.split('|').join(' · ')}; ` +
        `make them agree first, e.g. datledger review set ${differing.id}.company="${events[0].company}"`,
    );
  }
  const id = decider.merge(events, note);
  const merged = repository.eventOfMention(events[0].mentionKeys[0]);
  io.stdout.write(
    `saved decision #${id}: merged ${events.map((event) => event.id).join(' + ')} into ` +
      `${merged?.id ?? '?'}${merged ? ` (${eventLine(merged)})` : ''}\n`,
  );
  return EXIT.ok;
}

function split(
  repository: Repository,
  decider: Decider,
  given: string,
  note: string | null,
  io: CliIo,
  flag: string,
): number {
  const keys = given
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const found = repository.mentionKeysByPrefix(part);
      if (found.length === 0)
        throw new UsageError(
          `${flag} ${given}: no report ${part}; the mention_id column of datledger export --level mentions lists them`,
        );
      if (found.length > 1 && !found.includes(part))
        throw new UsageError(`${flag} ${given}: ${part} is the start of ${found.length} mention ids; give more of it`);
      return found.includes(part) ? part : found[0];
    });
  if (keys.length === 0)
    throw new UsageError(
      `${flag} ${given}: expected one or more mention ids, e.g. datledger review split 534bfe107c6010ed:0`,
    );
  const event = repository.eventOfMention(keys[0]);
  if (!event)
    throw new UsageError(`${flag} ${given}: ${keys[0]} belongs to no event (rejected?); see datledger review log`);
  const outside = keys.find((key) => !event.mentionKeys.includes(key));
  if (outside)
    throw new UsageError(
      `${flag} ${given}: ${outside} is not a report of event ${event.id}; split reports of one event at a time`,
    );
  if (keys.length >= event.mentionKeys.length)
    throw new UsageError(
      `${flag} ${given}: those are all the reports of event ${event.id}; nothing would be left to split from`,
    );
  const id = decider.split(event, [...new Set(keys)], note);
  const off = repository.eventOfMention(keys[0]);
  io.stdout.write(
    `saved decision #${id}: split ${keys.join(', ')} off ${event.id} into ` +
      `${off?.id ?? '?'}${off ? ` (${eventLine(off)})` : ''}\n`,
  );
  return EXIT.ok;
}

async function interactive(
  repository: Repository,
  decider: Decider,
  filter: string | null,
  io: CliIo,
): Promise<number> {
  const { reviewSession } = await import('../../review/session.js');
  const { styleFor } = await import('../../review/style.js');
  const { openConflicts } = await import('../../review/conflicts.js');
  if (openConflicts(repository.allEvents()).length === 0) {
    io.stdout.write('No open conflicts: nothing to review.\n');
    return EXIT.ok;
  }
  const result = await reviewSession({
    repository,
    decider,
    output: io.stdout as NodeJS.WriteStream,
    style: styleFor(io.stdout as NodeJS.WriteStream),
    filter,
  });
  const next = result.open ? ' Run datledger review again to go on from the first one still open.' : '';
  io.stdout.write(
    `\n${result.interrupted ? 'Interrupted. ' : ''}${result.decided} decided this session, ` +
      `${result.skipped} skipped, ${result.open} still open.${next}\n`,
  );
  return result.interrupted ? INTERRUPTED : EXIT.ok;
}
