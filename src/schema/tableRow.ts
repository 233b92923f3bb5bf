/**
 * How an article's text holds a table: one row a line, its cells joined by " | " (a label, then
 * the figures), whether the page had an HTML table, a markdown one or columns of spaces. clean
 * writes rows so (clean/html.ts, clean/flatTables.ts, clean/index.ts); extract reads them
 * (extract/anchors.ts: the column a figure is in; extract/context.ts: dates as column headers),
 * all through this module.
 */
export const CELL_SEPARATOR = ' | ';

export const joinCells = (cells: readonly string[]) => cells.join(CELL_SEPARATOR);

/** A line of the article's text that is a table row. */
export const isTableRow = (text: string) => text.includes(CELL_SEPARATOR);
