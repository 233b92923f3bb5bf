import input from '@inquirer/input';
import type { Repository } from '../store/repository.js';
import { conflictKey, openConflicts, reviewCounts, type OpenConflict } from './conflicts.js';
import type { Decider } from './decide.js';
import { HELP, keyChoices, keyLegend, type Action, type KeyChoice } from './keys.js';
import { keyPrompt } from './keyPrompt.js';
import { displayValue, eventLine, renderConflict } from './render.js';
import type { Style } from './style.js';
import { validateValue } from './validateValue.js';
import { conflictView, type ConflictView } from './view.js';

export interface SessionResult {
  decided: number;
  skipped: number;
  open: number;
  interrupted: boolean;
}

interface SessionContext {
  repository: Repository;
  decider: Decider;
  output: NodeJS.WritableStream;
  style: Style;
  filter?: string | null;
}

/** A conflict to show next, found again after a re-reconcile by its block, field and mentions (ids may change). */
interface Focus {
  blockKey: string;
  field: string;
  mentionKeys: string[];
}

/** What a session remembers: nothing a quit would lose, only where the reviewer is. */
interface SessionState {
  skipped: Set<string>;
  decided: Set<number>;
  /** conflicts shown, oldest first: what b goes back to */
  shown: Focus[];
  focus: Focus | null;
  filter: string | null;
  lastDecision: number | null;
}

/**
 * The interactive review: one open conflict at a time, read afresh from the store after every
 * step, so what is shown is always what is saved. Nothing is kept in memory that a quit would
 * lose: skips, the filter and the way back are the only session state, and a skipped conflict is
 * simply still open next time.
 */
export async function reviewSession(context: SessionContext): Promise<SessionResult> {
  const { repository, output, style } = context;
  const state: SessionState = {
    skipped: new Set(),
    decided: new Set(),
    shown: [],
    focus: null,
    filter: context.filter?.trim() || null,
    lastDecision: null,
  };
  const finish = (interrupted: boolean): SessionResult => {
    const open = openConflicts(repository.allEvents()).length;
    return { decided: state.decided.size, skipped: state.skipped.size, open, interrupted };
  };
  try {
    for (;;) {
      const events = repository.allEvents();
      const open = openConflicts(events);
      const visible = state.filter ? open.filter((conflict) => matchesFilter(conflict, state.filter!)) : open;
      const waiting = visible.filter((conflict) => !state.skipped.has(conflictKey(conflict)));
      // After an undo, a back or a jump, the conflict asked for comes next, wherever it sits in the ledger.
      const focused = state.focus ? open.find((conflict) => isFocus(conflict, state.focus!)) : undefined;
      state.focus = null;
      if (focused) state.skipped.delete(conflictKey(focused));
      const current = focused ?? waiting[0];
      if (!current) {
        if (state.filter && open.some((conflict) => !state.skipped.has(conflictKey(conflict)))) {
          output.write(`No open conflicts left for "${state.filter}"; f filters again, or all are shown now.\n`);
          state.filter = null;
          continue;
        }
        return finish(false);
      }
      const here = focusOf(current);
      if (!state.shown.length || !sameFocus(state.shown.at(-1)!, here)) state.shown.push(here);
      // Progress counts fields already decided, so a resumed session goes on from where the last one stopped.
      const counts = reviewCounts(events);
      const total = counts.reviewed + counts.open;
      const position = Math.min(
        total,
        counts.reviewed + open.filter((c) => state.skipped.has(conflictKey(c))).length + 1,
      );
      const view = conflictView(repository, current, position, total);
      output.write(renderConflict(view, style));
      if (state.filter) output.write(style.dim(`filter: ${state.filter} (${visible.length} open)\n`));
      const action = await askKey(keyChoices(view), output, style);
      if (action.kind === 'quit') return finish(false);
      await act(context, state, action, current, view, visible);
    }
  } catch (error) {
    // Ctrl-C inside a prompt: every decision is already in the database.
    if ((error as Error).name === 'ExitPromptError') return finish(true);
    throw error;
  }
}

async function act(
  context: SessionContext,
  state: SessionState,
  action: Action,
  current: OpenConflict,
  view: ConflictView,
  visible: OpenConflict[],
) {
  const { repository, decider, output } = context;
  const remember = (id: number) => {
    state.decided.add(id);
    state.lastDecision = id;
  };
  switch (action.kind) {
    case 'pick':
      remember(saved(context, current, view.candidates[action.index].value, null));
      return;
    case 'number': {
      const typed = await input({
        message: `candidate number, 1-${view.candidates.length} (empty to go back):`,
        validate: (text) =>
          text.trim() === '' ||
          (Number.isInteger(Number(text)) && Number(text) >= 1 && Number(text) <= view.candidates.length) ||
          `expected a number from 1 to ${view.candidates.length}`,
      });
      if (typed.trim()) remember(saved(context, current, view.candidates[Number(typed) - 1].value, null));
      return;
    }
    case 'accept':
      remember(saved(context, current, current.resolution.suggestion!, 'accepted the suggestion'));
      return;
    case 'like': {
      const like = [
        current,
        ...visible.filter(
          (conflict) => conflict !== current && isLike(conflict, current) && !state.skipped.has(conflictKey(conflict)),
        ),
      ];
      const sure = await keyPrompt<boolean>({
        message: `Accept the suggestion in ${like.length} conflict(s) of ${current.field} like this one?`,
        choices: [
          { key: 'y', name: 'yes', value: true },
          { key: 'n', name: 'no', value: false },
        ],
      });
      if (!sure) return;
      const first = saved(context, current, current.resolution.suggestion!, 'accepted the suggestion');
      remember(first);
      // Each is its own decision, found afresh: deciding one may have re-reconciled another's block.
      for (const other of like.slice(1)) {
        const now = openConflicts(repository.allEvents()).find((conflict) => isFocus(conflict, focusOf(other)));
        if (now?.resolution.suggestion)
          remember(
            saved(
              context,
              now,
              now.resolution.suggestion,
              `accepted the suggestion, as for all like decision #${first}`,
            ),
          );
      }
      return;
    }
    case 'enter': {
      const entered = await enterValue(current.field);
      if (entered) remember(saved(context, current, entered.value, entered.reason));
      return;
    }
    case 'skip':
      state.skipped.add(conflictKey(current));
      return;
    case 'undo': {
      const undone = decider.undo();
      if (!undone) output.write('nothing to undo\n');
      else {
        output.write(`undid decision #${undone.id} (${undone.field} = ${displayValue(undone.field, undone.value)})\n`);
        state.focus = { blockKey: undone.blockKey, field: undone.field, mentionKeys: undone.mentionKeys };
        state.decided.delete(undone.id);
      }
      return;
    }
    case 'back': {
      const open = openConflicts(repository.allEvents());
      const earlier = state.shown
        .slice(0, -1)
        .reverse()
        .find((focus) => open.some((conflict) => isFocus(conflict, focus)));
      if (!earlier)
        output.write('nothing to go back to: the conflicts shown before are decided (u undoes the last decision)\n');
      else {
        state.shown.pop();
        state.focus = earlier;
      }
      return;
    }
    case 'jump': {
      const typed = (
        await input({ message: `conflict number (1-${visible.length}) or event id (empty to go back):` })
      ).trim();
      if (!typed) return;
      const target =
        /^\d+$/.test(typed) && Number(typed) <= visible.length
          ? visible[Number(typed) - 1]
          : visible.find(
              (conflict) =>
                conflict.event.id.startsWith(typed.split('.')[0]) &&
                (!typed.includes('.') || conflict.field === typed.split('.')[1]),
            );
      if (!target) output.write(`no open conflict ${typed}; datledger review --list shows them\n`);
      else state.focus = focusOf(target);
      return;
    }
    case 'filter': {
      const typed = (
        await input({ message: 'company (or part of its name) or field, e.g. quantity (empty: all):' })
      ).trim();
      state.filter = typed || null;
      output.write(typed ? `showing only conflicts of "${typed}"\n` : 'showing all conflicts\n');
      return;
    }
    case 'note': {
      if (state.lastDecision === null) {
        output.write('no decision yet this session to write a note on\n');
        return;
      }
      const note = (await input({ message: `note on decision #${state.lastDecision} (empty to go back):` })).trim();
      if (note) {
        repository.setDecisionNote(state.lastDecision, note);
        output.write(`noted on decision #${state.lastDecision}\n`);
      }
      return;
    }
    case 'reject': {
      const why = (
        await input({ message: `Why is ${eventLine(current.event)} no transaction? (empty to go back):` })
      ).trim();
      if (why) {
        const id = decider.reject(current.event, why);
        remember(id);
        output.write(
          `saved decision #${id}: rejected ${current.event.id}; it leaves the ledger, its reports stay stored\n`,
        );
      }
      return;
    }
    case 'merge': {
      const typed = (
        await input({ message: 'merge with which event? its id or a unique prefix (empty to go back):' })
      ).trim();
      if (!typed) return;
      const ids = repository.eventIdsByPrefix(typed).filter((id) => id !== current.event.id);
      const other = ids.length === 1 ? repository.event(ids[0]) : null;
      if (!other)
        output.write(
          ids.length > 1
            ? `${typed} is the start of ${ids.length} event ids; give more of it\n`
            : `no other event ${typed}\n`,
        );
      else if (other.blockKey !== current.event.blockKey)
        output.write(`${other.id} is ${eventLine(other)}: another company, action or asset; change one first (c)\n`);
      else {
        const id = decider.merge([current.event, other], null);
        remember(id);
        output.write(`saved decision #${id}: merged ${current.event.id} + ${other.id}\n`);
      }
      return;
    }
    case 'split': {
      const typed = (
        await input({
          message: `split the reports of which candidate off? 1-${view.candidates.length} (empty to go back):`,
          validate: (text) =>
            text.trim() === '' ||
            (Number.isInteger(Number(text)) && Number(text) >= 1 && Number(text) <= view.candidates.length) ||
            `expected a number from 1 to ${view.candidates.length}`,
        })
      ).trim();
      if (!typed) return;
      const keys = view.candidates[Number(typed) - 1].mentionKeys.filter((key) =>
        current.event.mentionKeys.includes(key),
      );
      if (keys.length === 0 || keys.length >= current.event.mentionKeys.length) {
        output.write('those are all the reports of this event (or none): nothing to split\n');
        return;
      }
      const id = decider.split(current.event, keys, null);
      remember(id);
      output.write(`saved decision #${id}: split ${keys.length} report(s) off ${current.event.id}\n`);
      return;
    }
    case 'change': {
      const typed = (
        await input({
          message: 'change what? company=NAME, action=buy|sell|transfer|mine or asset=SYMBOL (empty to go back):',
          validate: (text) => {
            if (text.trim() === '') return true;
            const [field, ...rest] = text.split('=');
            if (!['company', 'action', 'asset'].includes(field.trim()) || rest.length === 0)
              return 'expected company=NAME, action=... or asset=...';
            const checked = validateValue(field.trim(), rest.join('='));
            return checked.ok || checked.error;
          },
        })
      ).trim();
      if (!typed) return;
      const [field, ...rest] = typed.split('=');
      const checked = validateValue(field.trim(), rest.join('='));
      if (!checked.ok) return;
      const id = decider.decide(current.event, field.trim(), checked.value, null);
      remember(id);
      output.write(`saved decision #${id}: ${field.trim()} = ${checked.value}\n`);
      return;
    }
    case 'help':
      output.write(HELP);
      return;
    case 'quit':
      return;
  }
}

const focusOf = (conflict: OpenConflict): Focus => ({
  blockKey: conflict.event.blockKey,
  field: conflict.field,
  mentionKeys: conflict.event.mentionKeys,
});
const sameFocus = (a: Focus, b: Focus) =>
  a.blockKey === b.blockKey && a.field === b.field && a.mentionKeys[0] === b.mentionKeys[0];
const isFocus = (conflict: OpenConflict, focus: Focus) =>
  conflict.event.blockKey === focus.blockKey &&
  conflict.field === focus.field &&
  conflict.event.mentionKeys.some((key) => focus.mentionKeys.includes(key));

/** A field's name exactly, or part of the company's name, either case. */
export function matchesFilter(conflict: OpenConflict, filter: string): boolean {
  const wanted = filter.toLowerCase();
  return conflict.field === wanted || conflict.event.company.toLowerCase().includes(wanted);
}

/** Conflicts "like this": the same field, settled by the same kind of reason (its words with the figures left out). */
const reasonShape = (reason: string) => reason.split(';')[0].replace(/[~$]?\d[\d,.]*/g, '#');
const isLike = (conflict: OpenConflict, model: OpenConflict) =>
  conflict.field === model.field &&
  conflict.resolution.suggestion !== null &&
  reasonShape(conflict.resolution.reason) === reasonShape(model.resolution.reason);

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
