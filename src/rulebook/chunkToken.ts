/**
 * The token syntax the pattern language is written in. Extraction replaces each chunk it finds
 * in a sentence (a quantity, money, a company, a date, a number) with a token, ⟦Q3⟧ being
 * quantity chunk number 3, so rules/ patterns can talk about chunks (`⟦Q\d+⟧`, or `{Q}` in a
 * template); a cue's ⟦F⟧ is the figure it is asked about. This module owns the brackets.
 */
export type ChunkType = 'Q' | 'M' | 'C' | 'D' | 'N';

export const TOKEN_OPEN = '⟦';
export const TOKEN_CLOSE = '⟧';

export const chunkToken = (type: ChunkType, index: number) => `${TOKEN_OPEN}${type}${index}${TOKEN_CLOSE}`;

/** A cue's stand-in for the figure it is asked about (rules/cues.yaml writes it {F}). */
export const FIGURE_TOKEN = `${TOKEN_OPEN}F${TOKEN_CLOSE}`;

/**
 * Page text with the token brackets replaced by ordinary ones: the same brackets in the text
 * itself would be read as chunks that do not exist. Same length, so offsets hold.
 */
export const withoutTokenBrackets = (text: string) =>
  text.replace(/[⟦⟧]/g, (bracket) => (bracket === TOKEN_OPEN ? '[' : ']'));
