/** How text is emphasised on the terminal at hand: ANSI when it shows colour, plain marks otherwise. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  /** The value inside an evidence sentence: must stand out even without colour. */
  mark(text: string): string;
}

export const ansiStyle: Style = {
  bold: (text) => `\x1b[1m${text}\x1b[22m`,
  dim: (text) => `\x1b[2m${text}\x1b[22m`,
  mark: (text) => `\x1b[1;7m${text}\x1b[22;27m`,
};

export const plainStyle: Style = {
  bold: (text) => text,
  dim: (text) => text,
  mark: (text) => `**${text}**`,
};

/** NO_COLOR (no-color.org) and FORCE_COLOR win; else colour only where the terminal says it has it. */
export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  if (env.NO_COLOR) return plainStyle;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return ansiStyle;
  return stream.isTTY && stream.hasColors?.() ? ansiStyle : plainStyle;
}

/**
 * Article text goes to a terminal: control characters in it (an escape sequence in a scraped page)
 * must not move the cursor or recolour the screen, and newlines must not break a table row.
 */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
