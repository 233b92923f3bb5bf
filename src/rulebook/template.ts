import type { Action } from '../schema/mention.js';
import { TOKEN_CLOSE, TOKEN_OPEN, type ChunkType } from './chunkToken.js';
import { alternation } from './regex.js';

export { chunkToken, type ChunkType } from './chunkToken.js';

export interface WordClasses {
  verbs: Record<Action, string[]>;
  nouns: Record<Action, string[]>;
  passives: Record<Action, string[]>;
  assetNames: string[];
}

/** A compiled pattern: the regex, and for each capture group what it stands for. */
export interface CompiledTemplate {
  regex: RegExp;
  /** group name -> slot: the chunk type or word class and the role name given in the template */
  slots: Map<string, { kind: ChunkType | 'verb' | 'noun' | 'passive' | 'asset'; role: string | null }>;
}

const PLACEHOLDER = /\{(Q|M|C|D|N|verb|noun|passive|asset|gap)(?::([a-z0-9_-]+))?\}/g;
const GAP_WORD = "(?:[A-Za-z][\\w'’-]*\\s+)";

/**
 * Turns a rule template into a regular expression over tagged text. Each placeholder becomes a
 * uniquely named group so one template may use {M} in several alternatives.
 */
export function compileTemplate(template: string, classes: WordClasses): CompiledTemplate {
  const slots: CompiledTemplate['slots'] = new Map();
  let counter = 0;
  const body = template.replace(/ +/g, '\\s+').replace(PLACEHOLDER, (_all, kind: string, arg: string | undefined) => {
    if (kind === 'gap') return `${GAP_WORD}{0,${Number(arg ?? 3)}}`;
    const name = `g${counter++}`;
    if (kind === 'Q' || kind === 'M' || kind === 'C' || kind === 'D' || kind === 'N') {
      slots.set(name, { kind, role: arg ?? null });
      return `${TOKEN_OPEN}${kind}(?<${name}>\\d+)${TOKEN_CLOSE}`;
    }
    const wordKind = kind as 'verb' | 'noun' | 'passive' | 'asset';
    slots.set(name, { kind: wordKind, role: arg ?? null });
    const words = wordKind === 'asset' ? classes.assetNames : wordsOf(classes, wordKind, arg as Action | undefined);
    return `\\b(?<${name}>${alternation(words)})\\b`;
  });
  return { regex: new RegExp(body, 'gi'), slots };
}

function wordsOf(classes: WordClasses, kind: 'verb' | 'noun' | 'passive', action: Action | undefined): string[] {
  const table = kind === 'verb' ? classes.verbs : kind === 'noun' ? classes.nouns : classes.passives;
  return action ? table[action] : Object.values(table).flat();
}

/** The chunk indexes and words a match captured, by slot kind and role. */
export function readSlots(match: RegExpMatchArray, template: CompiledTemplate) {
  const found: { kind: string; role: string | null; value: string; index: number }[] = [];
  for (const [name, slot] of template.slots) {
    const value = match.groups?.[name];
    if (value === undefined) continue;
    found.push({ kind: slot.kind, role: slot.role, value, index: match.index! + match[0].indexOf(value) });
  }
  return found;
}
