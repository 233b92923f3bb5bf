import type { ConflictView } from './view.js';
import { displayValue } from './render.js';
import { sanitize } from './style.js';

/** What the reviewer asked for at one conflict. */
export type Action =
  | { kind: 'pick'; index: number }
  | { kind: 'accept' }
  | { kind: 'enter' }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'help' }
  | { kind: 'quit' };

export interface KeyChoice { key: string; name: string; value: Action }

/**
 * Keys 1-9 name candidates; letters name actions that mean the same at every conflict. A key
 * not offered (3 when there are two candidates) must be refused, never mapped to something else.
 */
export function keyChoices(view: ConflictView): KeyChoice[] {
  const { field, resolution } = view.conflict;
  const choices: KeyChoice[] = view.candidates.slice(0, 9).map((candidate, index) => ({
    key: String(index + 1),
    name: `pick ${displayValue(field, candidate.label)}`,
    value: { kind: 'pick', index },
  }));
  if (resolution.suggestion !== null) choices.push({ key: 'a', name: `accept the suggestion (${sanitize(displayValue(field, resolution.suggestion))})`, value: { kind: 'accept' } });
  choices.push(
    { key: 'e', name: 'enter a value', value: { kind: 'enter' } },
    { key: 's', name: 'skip (stays open)', value: { kind: 'skip' } },
    { key: 'u', name: 'undo the last decision', value: { kind: 'undo' } },
    { key: '?', name: 'help', value: { kind: 'help' } },
    { key: 'q', name: 'quit', value: { kind: 'quit' } },
  );
  return choices;
}

/** The keys on one line, under each conflict. */
export function keyLegend(choices: KeyChoice[]): string {
  const picks = choices.filter((choice) => choice.value.kind === 'pick').length;
  const letters = choices.filter((choice) => choice.value.kind !== 'pick').map((choice) => `${choice.key} ${choice.value.kind}`);
  return [picks > 1 ? `1-${picks} pick` : picks === 1 ? '1 pick' : '', ...letters].filter(Boolean).join(' · ');
}

export const HELP = `
Keys (one keypress, no Enter):
  1-9  decide for that candidate
  a    accept the suggestion
  e    enter a value yourself, then say why
         numbers: 70000, 70,000, $17.5 million
         dates:   YYYY-MM-DD, YYYY-MM, YYYY or a range A..B
  s    skip this conflict; it stays open for the next review
  u    undo the last decision; its conflict is shown again
  ?    this help
  q    quit
Every decision is saved the moment it is made; quit (or Ctrl-C) loses nothing, and the next
\`datledger review\` starts at the first conflict still open. \`datledger review --log\` shows them all.
`;
