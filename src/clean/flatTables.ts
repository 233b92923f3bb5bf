/**
 * Tables that a copy-paste flattened to one cell per line, the cells parted by lines of pipes:
 *
 *   Metric |            Bitcoin mined          Item | Value | ---|---| Bought | 42 BTC | Held | 1,040 BTC
 *   June 2031 |         |
 *   ||||||              412
 *   Bitcoin sold |      |
 *   200 |               398
 *
 * Extraction reads a table row by row ("Bitcoin sold | 200 | 150", dated by the header's columns),
 * so the rows are rebuilt. Row breaks are seldom marked; a row starts at a label (a cell with words)
 * that follows a figure or is followed by one. The third layout, a markdown table run into one
 * line, states its width in its "---|---" rule.
 */
import { isTableRow, joinCells } from '../schema/tableRow.js';

/** A line of pipes only: the end of a cell, or of a row when there are several. */
const PIPES = /^\|+$/;
/** One cell closed by its pipe: "Metric |". */
const CELL_AND_PIPE = /^[^|]+\|$/;
/** Cells are short: a longer line is prose or a list, and the table stops there. */
const CELL_WIDTH = 64;
const LIST_ITEM = /^(?:[•·▪‣◦●■□➢→▲*-]|\d{1,2}[.)])\s+[^\s|]/u;
/** Figures, and the words tables print where a figure is missing. */
const FIGURE = /^(?:[-+−–~≈(]?[$€£¥]?\d|(?:-|–|—|n\/a|n\/m|nm|appx\.?|tbd|nil)$)/i;
/** A footnote marker on its own line under a cell's words: "June 2031" / "1". */
const FOOTNOTE_MARK = /^\d(?:,\d)*$/;

const isFigure = (cell: string) => FIGURE.test(cell);

type Cell = string | { rowBreak: true };

/** The cells of the flattened table starting at `start`, and where it ends (the index of the first line not taken). */
function readCells(lines: readonly string[], start: number): { cells: Cell[]; end: number } {
  const cells: Cell[] = [];
  let pending: string[] = [];
  let end = start;
  const close = () => {
    // A digit under the cell's words is a footnote marker, not part of the cell.
    if (pending.length > 1 && FOOTNOTE_MARK.test(pending.at(-1)!)) pending.pop();
    if (pending.length > 0) cells.push(pending.join(' '));
    pending = [];
  };
  for (let index = start; index < lines.length; index++) {
    const line = lines[index];
    if (PIPES.test(line)) {
      close();
      if (line.length > 1) cells.push({ rowBreak: true });
      end = index + 1;
    } else if (
      line &&
      line.length <= CELL_WIDTH &&
      !LIST_ITEM.test(line) &&
      (CELL_AND_PIPE.test(line) || !line.includes('|'))
    ) {
      if (line.endsWith('|')) {
        pending.push(line.slice(0, -1).trim());
        close();
        end = index + 1;
      } else pending.push(line);
    } else break;
  }
  return { cells, end };
}

/** Rows of cells: at each marked break, and at each label that follows a figure or is followed by one. */
function groupRows(cells: Cell[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  cells.forEach((cell, index) => {
    if (typeof cell !== 'string') {
      if (row.length > 0) rows.push(row);
      row = [];
      return;
    }
    const next = cells[index + 1];
    const startsRow =
      row.length > 0 && !isFigure(cell) && (isFigure(row.at(-1)!) || (typeof next === 'string' && isFigure(next)));
    if (startsRow) {
      rows.push(row);
      row = [];
    }
    row.push(cell);
  });
  if (row.length > 0) rows.push(row);
  return rows;
}

/** A data table: at least two rows of a label and figures. Anything else with pipes is left as it was. */
const isDataTable = (rows: string[][]) =>
  rows.filter((row) => row.length >= 2 && !isFigure(row[0]) && row.slice(1).some(isFigure)).length >= 2;

/**
 * The table's lines. A header wider than the rows below carries a caption that spanned columns
 * ("Change (%)" over the last two): it goes on a line of its own, so the header's columns
 * line up with the figures under them.
 */
function rowLines(rows: string[][]): string[] {
  const width = rows.find((row) => row.slice(1).some(isFigure))?.length ?? 0;
  const [header] = rows;
  const lines: string[] = [];
  if (width > 1 && header.length > width && !header.some(isFigure)) {
    lines.push(...header.slice(0, header.length - width));
    rows = [header.slice(header.length - width), ...rows.slice(1)];
  }
  for (const row of rows) lines.push(joinCells(row));
  return lines;
}

/** Lines of a plain-text page with flattened tables rebuilt as one row a line. */
export function rebuildFlatTables(lines: readonly string[]): string[] {
  // Cells, rules and rows with empty cells at their end all end in a pipe: most pages have none.
  if (!lines.some((line) => line.endsWith('|'))) return lines as string[];
  const rebuilt: string[] = [];
  for (let index = 0; index < lines.length;) {
    const line = lines[index];
    if (!line.endsWith('|') || (!PIPES.test(line) && !CELL_AND_PIPE.test(line))) {
      // A row already whole, with the empty cells a copy leaves at its end: "Held | 269 | 290 | |||".
      rebuilt.push(isTableRow(line) ? line.replace(/(?:\s*\|)+\s*$/, '') : line);
      index++;
      continue;
    }
    const { cells, end } = readCells(lines, index);
    const rows = end > index ? groupRows(cells) : [];
    if (isDataTable(rows)) rebuilt.push(...rowLines(rows));
    else rebuilt.push(...lines.slice(index, Math.max(end, index + 1)));
    index = Math.max(end, index + 1);
  }
  return rebuilt;
}

/** "Item | Details | ---|---| Sold | 12 BTC | Held | 40 BTC": a markdown table run into one line, one row a line. */
export function splitRunTogetherTable(line: string): string[] {
  const rule = /\|\s*((?::?-{3,}:?\s*\|\s*)+)/.exec(line);
  if (!rule) return [line];
  const width = rule[1].split('|').filter((cell) => cell.trim()).length;
  const cellsOf = (text: string) =>
    text
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean);
  const header = cellsOf(line.slice(0, rule.index));
  const body = cellsOf(line.slice(rule.index + rule[0].length));
  if (width < 2 || header.length !== width || body.length % width !== 0) return [line];
  const rows = [joinCells(header)];
  for (let at = 0; at < body.length; at += width) rows.push(joinCells(body.slice(at, at + width)));
  return rows;
}
