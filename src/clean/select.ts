import { compile, selectAll, selectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

/**
 * CSS queries compiled once per process. cheerio's $(selector) parses and compiles its selector
 * on every call; a page asks about twenty questions, the same ones for every page, so compiling
 * them per page cost more than the answers did. Same engine (css-select) and the same order of
 * results (document order), so the answers are the ones $() gives.
 */
const compiled = new Map<string, ReturnType<typeof compile<AnyNode, Element>>>();

function query(selector: string) {
  let found = compiled.get(selector);
  if (!found) {
    found = compile<AnyNode, Element>(selector);
    compiled.set(selector, found);
  }
  return found;
}

/** Every element under root (not root itself) that matches, in document order. */
export const selectEvery = (selector: string, root: AnyNode): Element[] =>
  selectAll<AnyNode, Element>(query(selector), root);

/** The first element under root that matches, in document order, or null. */
export const selectFirst = (selector: string, root: AnyNode): Element | null =>
  selectOne<AnyNode, Element>(query(selector), root);

/** An attribute of the first match, as $(selector).attr(name) reads it. */
export const firstAttribute = (selector: string, root: AnyNode, name: string): string | undefined =>
  selectFirst(selector, root)?.attribs[name];
