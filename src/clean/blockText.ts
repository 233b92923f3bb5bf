import type { AnyNode } from 'domhandler';
import { textContent } from 'domutils';

/**
 * The text of a block of a page as a reader sees it. Two things differ from the DOM's text:
 * a <br> parts the words on either side ("june<br>Preview" is not "junePreview"), and a
 * superscript footnote does not run into the sentence. A bare marker ("1", "[2]", "*") is
 * dropped; a footnote whose whole text sits in the superscript (a tooltip: "reserve<sup>1 The reserve
 * leaves out coins on loan.</sup> of BTC") is taken out and returned as a note, read after the block.
 */
const FOOTNOTE_MARKER = /^\s*(?:\[?\d{1,2}(?:,\s?\d{1,2})*\]?|[*†‡]+)\s*$/;
const LEADING_MARKER = /^\s*(?:\[?\d{1,2}\]?|[*†‡]+)(?=\s|\W|\p{Lu})/u;
/** A superscript of this many words or more is a footnote's text, not a marker or an ordinal. */
const NOTE_WORDS = 4;

export interface BlockText {
  text: string;
  notes: string[];
}

function collect(node: AnyNode, parts: string[], notes: string[]): void {
  if (node.type === 'text') {
    parts.push(node.data);
    return;
  }
  if (!('children' in node)) return;
  if (node.type === 'tag') {
    if (node.name === 'br') {
      parts.push(' ');
      return;
    }
    if (node.name === 'sup') {
      const text = textContent(node);
      if (FOOTNOTE_MARKER.test(text)) return;
      const note = text.replace(LEADING_MARKER, '').trim();
      if (note.split(/\s+/).length >= NOTE_WORDS) {
        notes.push(note);
        return;
      }
    }
  }
  for (const child of node.children) collect(child, parts, notes);
}

export function blockText(node: AnyNode): BlockText {
  const parts: string[] = [];
  const notes: string[] = [];
  collect(node, parts, notes);
  return { text: parts.join(''), notes };
}
