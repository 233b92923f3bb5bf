import type { ConflictView } from './view.js';
import { displayValue } from './render.js';
import { sanitize } from './style.js';

/** What the reviewer asked for at one conflict. */
export type Action =
  | { kind: 'pick'; index: number }
  | { kind: 'number' }
  | { kind: 'accept' }
  | { kind: 'like' }
  | { kind: 'enter' }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'back' }
  | { kind: 'jump' }
  | { kind: 'filter' }
  | { kind: 'note' }
  | { kind: 'reject' }
  | { kind: 'merge' }
  | { kind: 'split' }
  | { kind: 'change' }
  | { kind: 'help' }
  | { kind: 'quit' };

export interface KeyChoice {
  key: string;
  name: string;
  value: Action;
}

/** Keys that move around the conflicts or change what an event is: shown on a line of their own. */
const MORE = new Set<Action['kind']>([
  'number',
  'like',
  'back',
  'jump',
  'filter',
  'note',
  'reject',
  'merge',
  'split',
  'change',
]);

/**
 * Keys 1-9 name candidates (p picks the 10th and later by number); letters name actions that mean
 * the same at every conflict. A key not offered (3 when there are two candidates) must be
 * refused, never mapped to something else.
 */
export function keyChoices(view: ConflictView): KeyChoice[] {
  const { field, resolution } = view.conflict;
  const choices: KeyChoice[] = view.candidates.slice(0, 9).map((candidate, index) => ({
    key: String(index + 1),
    name: `pick ${displayValue(field, candidate.label)}`,
    value: { kind: 'pick', index },
  }));
  if (resolution.suggestion !== null)
    choices.push({
      key: 'a',
      name: `accept the suggestion (${sanitize(displayValue(field, resolution.suggestion))})`,
      value: { kind: 'accept' },
    });
  choices.push(
    { key: 'e', name: 'enter a value', value: { kind: 'enter' } },
    { key: 's', name: 'skip (stays open)', value: { kind: 'skip' } },
    { key: 'u', name: 'undo the last decision', value: { kind: 'undo' } },
    { key: '?', name: 'help', value: { kind: 'help' } },
    { key: 'q', name: 'quit', value: { kind: 'quit' } },
  );
  if (view.candidates.length > 9)
    choices.push({ key: 'p', name: 'pick a candidate by its number', value: { kind: 'number' } });
  if (resolution.suggestion !== null)
    choices.push({
      key: 'l',
      name: 'accept the suggestion here and in every conflict like this',
      value: { kind: 'like' },
    });
  choices.push(
    { key: 'b', name: 'back to the previous conflict', value: { kind: 'back' } },
    { key: 'j', name: 'jump to a conflict', value: { kind: 'jump' } },
    { key: 'f', name: 'filter by company or field', value: { kind: 'filter' } },
    { key: 'n', name: 'note on the last decision', value: { kind: 'note' } },
    { key: 'r', name: 'reject the event (no transaction)', value: { kind: 'reject' } },
    { key: 'm', name: 'merge with another event', value: { kind: 'merge' } },
  );
  if (view.candidates.length > 1)
    choices.push({ key: 'x', name: "split a candidate's reports off", value: { kind: 'split' } });
  choices.push({ key: 'c', name: 'change company, action or asset', value: { kind: 'change' } });
  return choices;
}

/** The keys under each conflict: deciding keys on one line, moving and structure keys on the next. */
export function keyLegend(choices: KeyChoice[]): string {
  const picks = choices.filter((choice) => choice.value.kind === 'pick').length;
  const letters = choices
    .filter((choice) => choice.value.kind !== 'pick' && !MORE.has(choice.value.kind))
    .map((choice) => `${choice.key} ${choice.value.kind}`);
  const more = choices
    .filter((choice) => MORE.has(choice.value.kind))
    .map(
      (choice) =>
        `${choice.key} ${choice.value.kind === 'like' ? 'all like this' : choice.value.kind === 'number' ? 'pick 10+' : choice.value.kind}`,
    );
  const first = [picks > 1 ? `1-${picks} pick` : picks === 1 ? '1 pick' : '', ...letters].filter(Boolean).join(' · ');
  return more.length ? `${first}\nmore: ${more.join(' · ')}` : first;
}

export const HELP = `
Keys (one keypress, no Enter):
  1-9  decide for that candidate (best supported first); p picks the 10th and later by number
  a    accept the suggestion
  l    accept the suggestion here and in every open conflict like this (same field, same kind of reason)
  e    enter a value yourself, then say why
         numbers: 70000, 70,000, $17.5 million
         dates:   YYYY-MM-DD, YYYY-MM, YYYY or a range A..B
  s    skip this conflict; it stays open for the next review
  u    undo the last decision; its conflict is shown again
  b    back to the conflict shown before this one
  j    jump to a conflict by its number (as in 3/50) or its event id
  f    review only one company's conflicts, or one field's (empty: all again)
  n    write a note on the last decision of this session
  r    reject the event: it is no transaction (a plan, a rumour, a misreading)
  m    merge the event with another one (its id from datledger export)
  x    split the reports of one candidate off into an event of their own
  c    change the event's company, action or asset
  ?    this help
  q    quit
Every decision is saved the moment it is made; quit (or Ctrl-C) loses nothing, and the next
\`datledger review\` starts at the first conflict still open. \`datledger review --log\` shows them all,
and each can be undone there (--undo N).
`;
