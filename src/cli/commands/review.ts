import { EXIT, openRepository, UsageError } from '../common.js';
import type { Decider } from '../../review/decide.js';
import type { Repository } from '../../store/repository.js';

export interface ReviewOptions {
  db?: string; list?: boolean; json?: boolean; acceptSuggested?: boolean; minConfidence?: string; set?: string[];
  note?: string; undo?: boolean; log?: boolean; reviewer?: string;
}

/** Exit code of an interactive review stopped with Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const SCRIPTED_USAGE = `datledger review needs a terminal to ask questions; without one, use:
  datledger review --list [--json]                        the open conflicts, their candidates and suggestions
  datledger review --accept-suggested [--min-confidence X] take every suggestion (of field confidence >= X)
  datledger review --set EVENT_ID.FIELD=VALUE [--note TEXT] decide one field (EVENT_ID may be a unique prefix)
  datledger review --undo                                 undo the last decision
  datledger review --log [--json]                         the decisions audit table
`;

/** Which one thing this run does; the flags are modes and do not combine. */
function modeOf(options: ReviewOptions): string | null {
  const modes = [options.list && '--list', options.acceptSuggested && '--accept-suggested', options.set?.length && '--set', options.undo && '--undo', options.log && '--log']
    .filter((mode): mode is string => typeof mode === 'string');
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} do not combine; give one of them`);
  const mode = modes[0] ?? null;
  if (options.json && mode !== '--list' && mode !== '--log') throw new UsageError('--json goes with --list or --log');
  if (options.minConfidence !== undefined && mode !== '--accept-suggested') throw new UsageError('--min-confidence goes with --accept-suggested');
  if (options.note !== undefined && mode !== '--set' && mode !== '--accept-suggested') throw new UsageError('--note goes with --set or --accept-suggested');
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
        return await list(repository, options.json === true);
      case '--log':
        return await log(repository, options.json === true);
      case '--set':
        return await set(repository, await openDecider(repository, reviewer), assignments, options.note ?? null);
      case '--undo':
        return await undo(repository, await openDecider(repository, reviewer));
      case '--accept-suggested': {
        const { acceptSuggested } = await import('../../review/acceptSuggested.js');
        const result = acceptSuggested(repository, await openDecider(repository, reviewer), minConfidence, options.note ?? null);
        process.stdout.write(`accepted ${result.accepted} suggestion(s); left open: ${result.belowThreshold} below confidence ${minConfidence}, ${result.withoutSuggestion} without a suggestion\n`);
        return EXIT.ok;
      }
      default:
        return await interactive(repository, await openDecider(repository, reviewer));
    }
  } finally {
    repository.db.close();
  }
}

async function list(repository: Repository, json: boolean): Promise<number> {
  const { openConflicts } = await import('../../review/conflicts.js');
  const { conflictsJson, conflictsTable } = await import('../../review/list.js');
  const conflicts = openConflicts(repository.allEvents());
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
    const before = event.fields[field]?.value ?? null;
    const decision = decider.decide(event, field, value, note);
    process.stdout.write(`saved decision #${decision}: ${id}.${field} = ${displayValue(field, value)} (was ${displayValue(field, before)})\n`);
  }
  return EXIT.ok;
}

async function undo(repository: Repository, decider: Decider): Promise<number> {
  const { displayValue } = await import('../../review/render.js');
  const undone = decider.undo();
  if (!undone) {
    process.stderr.write('nothing to undo\n');
    return EXIT.ok;
  }
  process.stdout.write(`undid decision #${undone.id}: ${undone.blockKey.split('|').join(' · ')} ${undone.field} = ${displayValue(undone.field, undone.value)}\n`);
  return EXIT.ok;
}

async function interactive(repository: Repository, decider: Decider): Promise<number> {
  const { reviewSession } = await import('../../review/session.js');
  const { styleFor } = await import('../../review/style.js');
  const { openConflicts } = await import('../../review/conflicts.js');
  if (openConflicts(repository.allEvents()).length === 0) {
    process.stdout.write('No open conflicts: nothing to review.\n');
    return EXIT.ok;
  }
  const result = await reviewSession({ repository, decider, output: process.stdout, style: styleFor(process.stdout) });
  const next = result.open ? ' Run datledger review again to go on from the first one still open.' : '';
  process.stdout.write(`\n${result.interrupted ? 'Interrupted. ' : ''}${result.decided} decided this session, ${result.skipped} skipped, ${result.open} still open.${next}\n`);
  return result.interrupted ? INTERRUPTED : EXIT.ok;
}
