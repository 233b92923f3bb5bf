import { input } from '@inquirer/prompts';
import type { Repository } from '../store/repository.js';
import { conflictKey, openConflicts, reviewCounts, type OpenConflict } from './conflicts.js';
import type { Decider } from './decide.js';
import { HELP, keyChoices, keyLegend, type Action, type KeyChoice } from './keys.js';
import { keyPrompt } from './keyPrompt.js';
import { displayValue, renderConflict } from './render.js';
import type { Style } from './style.js';
import { validateValue } from './validateValue.js';
import { conflictView } from './view.js';

export interface SessionResult { decided: number; skipped: number; open: number; interrupted: boolean }

interface SessionContext { repository: Repository; decider: Decider; output: NodeJS.WritableStream; style: Style }

/**
 * The interactive review: one open conflict at a time, read afresh from the store after every
 * step, so what is shown is always what is saved. Nothing is kept in memory that a quit would
 * lose: skips are the only session state, and a skipped conflict is simply still open next time.
 */
export async function reviewSession(context: SessionContext): Promise<SessionResult> {
  const { repository, decider, output, style } = context;
  const skipped = new Set<string>();
  let focus: { blockKey: string; field: string; mentionKeys: string[] } | null = null;
  const decided = new Set<number>();
  const finish = (interrupted: boolean): SessionResult => {
    const open = openConflicts(repository.allEvents()).length;
    return { decided: decided.size, skipped: skipped.size, open, interrupted };
  };
  try {
    for (;;) {
      const events = repository.allEvents();
      const open = openConflicts(events);
      const waiting = open.filter((conflict) => !skipped.has(conflictKey(conflict)));
      // After an undo the conflict it reopened comes next, wherever it sits in the ledger.
      const current = (focus && waiting.find((c) => c.event.blockKey === focus!.blockKey && c.field === focus!.field
        && c.event.mentionKeys.some((key) => focus!.mentionKeys.includes(key)))) || waiting[0];
      focus = null;
      if (!current) return finish(false);
      // Progress counts fields already decided, so a resumed session goes on from where the last one stopped.
      const counts = reviewCounts(events);
      const total = counts.reviewed + counts.open;
      const position = Math.min(total, counts.reviewed + open.filter((c) => skipped.has(conflictKey(c))).length + 1);
      const view = conflictView(repository, current, position, total);
      output.write(renderConflict(view, style));
      const action = await askKey(keyChoices(view), output, style);
      switch (action.kind) {
        case 'pick':
          decided.add(saved(context, current, view.candidates[action.index].value, null));
          break;
        case 'accept':
          decided.add(saved(context, current, current.resolution.suggestion!, 'accepted the suggestion'));
          break;
        case 'enter': {
          const entered = await enterValue(current.field);
          if (entered) decided.add(saved(context, current, entered.value, entered.reason));
          break;
        }
        case 'skip':
          skipped.add(conflictKey(current));
          break;
        case 'undo': {
          const undone = decider.undo();
          if (!undone) output.write('nothing to undo\n');
          else {
            output.write(`undid decision #${undone.id} (${undone.field} = ${displayValue(undone.field, undone.value)})\n`);
            focus = { blockKey: undone.blockKey, field: undone.field, mentionKeys: undone.mentionKeys };
            decided.delete(undone.id);
          }
          break;
        }
        case 'help':
          output.write(HELP);
          break;
        case 'quit':
          return finish(false);
      }
    }
  } catch (error) {
    // Ctrl-C inside a prompt: every decision is already in the database.
    if ((error as Error).name === 'ExitPromptError') return finish(true);
    throw error;
  }
}

/** One keypress answers; keys not offered are refused by name (a 7 with two candidates). */
async function askKey(choices: KeyChoice[], output: NodeJS.WritableStream, style: Style): Promise<Action> {
  output.write(`${style.dim(`keys: ${keyLegend(choices)}`)}\n`);
  return keyPrompt<Action>({ message: 'Your call', choices });
}

function saved(context: SessionContext, conflict: OpenConflict, value: string, note: string | null): number {
  const id = context.decider.decide(conflict.event, conflict.field, value, note);
  context.output.write(`saved decision #${id}: ${conflict.field} = ${displayValue(conflict.field, value)}\n`);
  return id;
}

/** A typed value is checked before it is taken; an empty line goes back to the conflict. */
async function enterValue(field: string): Promise<{ value: string; reason: string } | null> {
  const typed = await input({
    message: `${field} (empty to go back):`,
    validate: (text) => {
      if (text.trim() === '') return true;
      const checked = validateValue(field, text);
      return checked.ok || checked.error;
    },
  });
  if (typed.trim() === '') return null;
  const checked = validateValue(field, typed);
  if (!checked.ok) return null;
  const reason = await input({ message: 'Why this value? (saved with the decision):', required: true });
  return { value: checked.value, reason };
}
