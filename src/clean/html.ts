import * as cheerio from 'cheerio';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { Zone } from '../schema/document.js';
import { textContent } from 'domutils';
import { blockText } from './blockText.js';
import { isMostlyCjk } from './normalizeText.js';
import { firstAttribute, selectEvery, selectFirst } from './select.js';
import { publishedFromHtml, type PublishedDate } from './published.js';
import { joinCells } from '../schema/tableRow.js';

export interface HtmlPage {
  title: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  published: PublishedDate | null;
  lines: { text: string; zone: Zone }[];
}

const DROP =
  'script, style, noscript, iframe, svg, form, button, template, nav, footer, header:not(article header), ' +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], ' +
  '.ad, .ads, .advert, .advertisement, ' +
  '[class*="share"], [class*="social"], [class*="newsletter"], [class*="cookie"], [class*="subscribe"], ' +
  '[class*="comment"], [id*="cookie"], [class*="price-widget"], [class*="ticker"], [class*="breadcrumb"]';
const RELATED =
  'aside, .related, .related-links, [class*="related"], [class*="read-more"], [class*="read-next"], ' +
  '[class*="up-next"], [class*="more-news"], [class*="more-stories"], [class*="also-read"], [class*="recommended"]';
const RELATED_ITEMS = 'a, li, h2, h3, h4';
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, tr, figcaption, dt, dd';
const BLOCK_TAGS = new Set(BLOCKS.split(', '));

/**
 * Deeper nesting than this is read flat. cheerio and its selector engine recurse once per level
 * (the stack overflows near 3,000) and htmlparser2 shifts its tag stack per tag (quadratic in the
 * depth); real articles stay well under 100.
 */
export const MAX_HTML_DEPTH = 256;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const WORDS = /\S+/g;
/** squash(text).length > limit, reading only as far as it takes to tell. */
function squashedLongerThan(text: string, limit: number): boolean {
  let length = -1;
  WORDS.lastIndex = 0;
  for (let match = WORDS.exec(text); match !== null; match = WORDS.exec(text)) {
    length += match[0].length + 1;
    if (length > limit) break;
  }
  WORDS.lastIndex = 0;
  return length > limit;
}

/** Main text, title and dates of a saved or fetched page. htmlparser2 parses ~3x faster than parse5. */
export function parseHtml(html: string, url: string | null): HtmlPage {
  const page =
    mayNestDeeperThan(html, MAX_HTML_DEPTH) && nestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH
      ? flatPage(html)
      : parsePage(html, url);
  // As in plain-text pages (zones.ts): lines in Chinese or Japanese are not read as English.
  for (const line of page.lines) if (isMostlyCjk(line.text)) line.zone = 'boilerplate';
  return page;
}

function parsePage(html: string, url: string | null): HtmlPage {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  wrapTopLevel($);
  const document = $.root()[0];
  const titleElement = selectFirst('title', document);
  const title =
    squash(
      firstAttribute('meta[property="og:title"]', document, 'content') ??
        (titleElement ? textContent(titleElement) : ''),
    ) || null;
  const siteName = squash(firstAttribute('meta[property="og:site_name"]', document, 'content') ?? '') || null;
  const canonicalUrl =
    firstAttribute('link[rel="canonical"]', document, 'href') ??
    firstAttribute('meta[property="og:url"]', document, 'content') ??
    null;
  const published = publishedFromHtml(document, url);

  // Links inside related-reading blocks, in page order, each once. Whole-document queries and one
  // ancestor walk each: cheerio's find() below an element is quadratic in the element's children.
  const relatedBlocks = selectEvery(RELATED, document);
  const related: string[] = [];
  if (relatedBlocks.length > 0) {
    const inRelated = new Set<AnyNode>(relatedBlocks);
    const seen = new Set<string>();
    for (const item of selectEvery(RELATED_ITEMS, document)) {
      if (!hasAncestorIn(item, inRelated)) continue;
      const text = squash(textContent(item));
      if (text.split(' ').length >= 3 && !seen.has(text)) {
        seen.add(text);
        related.push(text);
      }
    }
    removeAll(relatedBlocks);
  }
  removeAll(selectEvery(DROP, document));

  const root = pickMainContainer($);
  const lines: HtmlPage['lines'] = [];
  const roots = new Set<AnyNode>(root.toArray());
  if (title && !selectEvery('h1', document).some((h1) => hasAncestorIn(h1, roots)))
    lines.push({ text: title, zone: 'heading' });
  for (const element of outermostBlocks(root.toArray())) {
    const notes: string[] = [];
    if (element.name === 'tr') {
      const cells = element.children
        .filter((cell): cell is Element => isElement(cell) && (cell.name === 'td' || cell.name === 'th'))
        .map((cell) => {
          const cellText = blockText(cell);
          notes.push(...cellText.notes);
          return squash(cellText.text);
        });
      if (cells.some(Boolean)) lines.push({ text: joinCells(cells.filter(Boolean)), zone: 'body' });
    } else {
      const block = blockText(element);
      const text = squash(block.text);
      notes.push(...block.notes);
      if (text) lines.push({ text, zone: /^h[1-6]$/.test(element.name) ? 'heading' : 'body' });
    }
    // Footnotes taken out of the block's sentences are read after it, each as a line of its own.
    for (const note of notes) lines.push({ text: squash(note), zone: 'body' });
  }
  if (lines.length === 0) {
    const text = squash(root.text());
    if (text) lines.push({ text, zone: 'body' });
  }
  for (const text of related) lines.push({ text, zone: 'related' });
  return { title, siteName, canonicalUrl, published, lines };
}

/**
 * Puts the nodes at the top of a fragment (no <html> around them) under one element no selector
 * names. Every $(selector) starts from the top-level nodes and de-duplicates them pairwise, which
 * is quadratic for a fragment of many thousands of elements.
 */
function wrapTopLevel($: cheerio.CheerioAPI) {
  const document = $.root()[0];
  if (document.children.length <= 1) return;
  const wrapper = $('<datledger-page></datledger-page>')[0] as Element;
  wrapper.children = document.children;
  for (const child of wrapper.children) child.parent = wrapper;
  wrapper.parent = document;
  wrapper.prev = wrapper.next = null;
  document.children = [wrapper];
}

const isElement = (node: AnyNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

function hasAncestorIn(node: AnyNode, set: Set<AnyNode>): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (set.has(parent)) return true;
  return false;
}

/**
 * Detaches elements from the tree: each parent's children filtered once. cheerio's remove() looks
 * every element up in its parent's children and splices it out, quadratic in the siblings.
 */
function removeAll(elements: AnyNode[]) {
  if (elements.length === 0) return;
  const removed = new Set(elements);
  const parents = new Set<ParentNode>();
  for (const element of elements) if (element.parent) parents.add(element.parent);
  for (const parent of parents) {
    const kept = parent.children.filter((child) => !removed.has(child));
    kept.forEach((child, index) => {
      child.prev = kept[index - 1] ?? null;
      child.next = kept[index + 1] ?? null;
    });
    parent.children = kept;
  }
  for (const element of elements) element.parent = element.prev = element.next = null;
}

/**
 * The blocks under the roots, in page order, that give a line: rows of tables, and the other
 * blocks with no block around them (the page above the roots counts). One iterative walk.
 */
function outermostBlocks(roots: AnyNode[]): Element[] {
  const found: Element[] = [];
  const stack: { node: AnyNode; inBlock: boolean }[] = [];
  for (const root of [...roots].reverse()) {
    let inBlock = isElement(root) && BLOCK_TAGS.has(root.name);
    for (let parent = root.parent; parent && !inBlock; parent = parent.parent)
      inBlock = isElement(parent) && BLOCK_TAGS.has(parent.name);
    if (!('children' in root)) continue;
    for (let index = root.children.length - 1; index >= 0; index--) stack.push({ node: root.children[index], inBlock });
  }
  while (stack.length > 0) {
    const { node, inBlock } = stack.pop()!;
    if (!isElement(node)) continue;
    const block = BLOCK_TAGS.has(node.name);
    if (node.name === 'tr' || (block && !inBlock)) found.push(node);
    for (let index = node.children.length - 1; index >= 0; index--)
      stack.push({ node: node.children[index], inBlock: inBlock || block });
  }
  return found;
}

/** The element holding the article: <article>, articleBody, <main>, else the one with the most paragraph text. */
function pickMainContainer($: cheerio.CheerioAPI): cheerio.Cheerio<Element> {
  const document = $.root()[0];
  for (const selector of [
    '[itemprop="articleBody"]',
    'article',
    'main',
    '[role="main"]',
    '.article-body',
    '.post-content',
    '.entry-content',
  ]) {
    const found = selectFirst(selector, document);
    if (found && squashedLongerThan(textContent(found), 200)) return $(found);
  }
  const body = selectFirst('body', document);
  let best: Element | null = null;
  let bestScore = 0;
  for (const element of selectEvery('div, section', document)) {
    const paragraphs = element.children.filter((child) => isElement(child) && child.name === 'p');
    const score = textContent(paragraphs).length;
    if (score > bestScore) {
      bestScore = score;
      best = element;
    }
  }
  if (bestScore > 200 && best) return $(best);
  return (body ? $(body) : $.root()) as cheerio.Cheerio<Element>;
}

// ---------------------------------------------------------------------------------------------
// A linear scan of the markup, used to measure the nesting before parsing and to read pages too
// deep to parse. It follows htmlparser2's rules closely enough to count depth the same way.

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; name: string; selfClosing: boolean }
  | { kind: 'close'; name: string };

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}(?=[\\s>])`, 'ig')]));
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
/** An opening tag closes these when they are the current element (htmlparser2's openImpliesClose). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((name) => [name, new Set(FORM)] as const),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name) => [name, new Set(['p'])] as const),
]);
const FOREIGN = new Set(['svg', 'math']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

const isNameStart = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const endsName = (code: number) => code === 62 || code === 47 || code === 32 || (code >= 9 && code <= 13);

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * Tokens of the markup in one pass, read the way htmlparser2's tokenizer reads them (tag names,
 * quoted attribute values, self-closing slashes, comments, raw-text elements). Every search moves
 * forward, so the scan is linear in the length of the markup.
 */
function* scanMarkup(html: string): Generator<Token> {
  const length = html.length;
  let at = 0;
  while (at < length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      yield { kind: 'text', text: html.slice(at) };
      return;
    }
    if (open > at) yield { kind: 'text', text: html.slice(at, open) };
    const next = html.charCodeAt(open + 1);
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      at = close < 0 ? length : close + 3;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const close = html.indexOf('>', open + 2);
      at = close < 0 ? length : close + 1;
      continue;
    }
    if (next === 47 /* / */) {
      // An end tag: white space may come before the name; anything but a name makes it a comment.
      let nameStart = open + 2;
      while (nameStart < length && isSpace(html.charCodeAt(nameStart))) nameStart++;
      const close = html.indexOf('>', nameStart);
      if (close < 0) return;
      at = close + 1;
      if (!isNameStart(html.charCodeAt(nameStart))) continue;
      let nameEnd = nameStart + 1;
      while (nameEnd < close && !isSpace(html.charCodeAt(nameEnd)) && html.charCodeAt(nameEnd) !== 47) nameEnd++;
      yield { kind: 'close', name: html.slice(nameStart, nameEnd).toLowerCase() };
      continue;
    }
    if (!isNameStart(next)) {
      yield { kind: 'text', text: '<' };
      at = open + 1;
      continue;
    }
    let end = open + 2;
    while (end < length && !endsName(html.charCodeAt(end))) end++;
    const name = html.slice(open + 1, end).toLowerCase();
    // The attributes, up to the first > outside a quoted value; a / before it (white space
    // allowed between) makes the tag self-closing, unless it ends an unquoted value.
    let state: 'attributes' | 'afterEquals' | 'unquoted' = 'attributes';
    let slash = false;
    while (end < length) {
      const code = html.charCodeAt(end);
      if (state === 'unquoted') {
        if (code === 62) break;
        if (isSpace(code)) state = 'attributes';
      } else if (state === 'afterEquals') {
        if (code === 62) break;
        if (code === 34 || code === 39) {
          const quote = html.indexOf(code === 34 ? '"' : "'", end + 1);
          end = quote < 0 ? length : quote + 1;
          state = 'attributes';
          continue;
        }
        if (!isSpace(code)) state = 'unquoted';
      } else {
        if (code === 62) break;
        if (code === 61) state = 'afterEquals';
        if (code === 47) slash = true;
        else if (!isSpace(code)) slash = false;
      }
      end++;
    }
    if (end >= length) return;
    at = end + 1;
    const selfClosing = slash && state === 'attributes';
    yield { kind: 'open', name, selfClosing };
    // <script>, <style>, <title>, <textarea>, <xmp>: text up to their end tag (not when written self-closing).
    if (RAW_TEXT.has(name) && !selfClosing) {
      const finish = RAW_TEXT_END.get(name)!;
      finish.lastIndex = at;
      const found = finish.exec(html);
      const stop = found ? found.index : length;
      yield { kind: 'text', text: html.slice(at, stop) };
      yield { kind: 'close', name };
      if (!found) return;
      const close = html.indexOf('>', stop);
      at = close < 0 ? length : close + 1;
    }
  }
}

/**
 * Follows the open elements as htmlparser2 does (implied ends, void elements, self-closing tags
 * only in SVG and MathML); calls back on every element it closes.
 */
class ElementStack {
  readonly names: string[] = [];
  /** open elements by name, so an end tag with nothing to close costs nothing */
  private readonly counts = new Map<string, number>();
  /**
   * htmlparser2's foreign-context stack: true inside <svg> or <math>, false again inside <foreignObject>
   * and the like
   */
  private readonly foreign: boolean[] = [false];

  constructor(private readonly onPop: (name: string) => void = () => {}) {}

  /** Opens an element; false when it is void or closed at once (then onPop is not called for it). */
  open(name: string, selfClosing: boolean): boolean {
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && this.names.length > 0 && closes.has(this.names.at(-1)!)) this.pop();
    if (VOID.has(name)) return false;
    if (FOREIGN.has(name)) this.foreign.push(true);
    else if (INTEGRATION.has(name)) this.foreign.push(false);
    if (selfClosing && this.foreign.at(-1)) return false;
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return true;
  }

  isOpen(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  close(name: string) {
    if (FOREIGN.has(name) || INTEGRATION.has(name)) this.foreign.pop();
    if (VOID.has(name) || !this.isOpen(name)) return;
    // Everything opened after the element closes with it; each element is popped once.
    const at = this.names.lastIndexOf(name);
    while (this.names.length > at) this.pop();
  }

  private pop() {
    const name = this.names.pop()!;
    this.counts.set(name, this.counts.get(name)! - 1);
    this.onPop(name);
  }
}

/** How deep the elements of the markup nest, counting no further than just past the limit. */
/** Each level of nesting takes a '<': a page with no more than `limit` of them cannot nest deeper. */
function mayNestDeeperThan(html: string, limit: number): boolean {
  let count = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) if (++count > limit) return true;
  return false;
}

export function nestingDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  const stack = new ElementStack();
  let deepest = 0;
  for (const token of scanMarkup(html)) {
    if (token.kind === 'open') {
      // A void or self-closed element is a leaf one level below the open ones.
      const pushed = stack.open(token.name, token.selfClosing);
      deepest = Math.max(deepest, stack.names.length + (pushed ? 0 : 1));
      if (deepest > limit) return deepest;
    } else if (token.kind === 'close') {
      // </br>, and </p> with no <p> open, make an empty element there.
      if (token.name === 'br' || (token.name === 'p' && !stack.isOpen('p')))
        deepest = Math.max(deepest, stack.names.length + 1);
      stack.close(token.name);
    }
  }
  return deepest;
}

/** Elements whose text is not the article. */
const FLAT_SKIP = new Set([
  'script',
  'style',
  'noscript',
  'iframe',
  'svg',
  'form',
  'button',
  'template',
  'nav',
  'footer',
  'title',
  'textarea',
  'select',
  'aside',
]);
/** Elements that end a line of text. */
const FLAT_BREAK = new Set([
  ...BLOCK_TAGS,
  'br',
  'hr',
  'div',
  'section',
  'article',
  'main',
  'header',
  'ul',
  'ol',
  'dl',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'td',
  'th',
  'figure',
  'body',
  'html',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  copy: '©',
  reg: '®',
  trade: '™',
};

/** The common character references; others are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));/g,
    (all, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? all;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}

/**
 * A page too deeply nested to parse, read by stripping tags in one linear pass: one line per
 * block, headings kept as headings, script, navigation and the like left out. No dates or
 * metadata from the markup; a dateline in the text still counts.
 */
export function flatPage(html: string): HtmlPage {
  const lines: HtmlPage['lines'] = [];
  let pieces: string[] = [];
  let zone: Zone = 'body';
  let title: string | null = null;
  let skipping = 0;
  let inTitle = false;
  const flush = () => {
    const text = squash(decodeEntities(pieces.join('')));
    if (text) lines.push({ text, zone });
    pieces = [];
  };
  const stack = new ElementStack((name) => {
    if (FLAT_SKIP.has(name)) skipping--;
    if (name === 'title') inTitle = false;
    if (FLAT_BREAK.has(name)) {
      flush();
      zone = 'body';
    }
  });
  for (const token of scanMarkup(html)) {
    if (token.kind === 'text') {
      if (inTitle && title === null) title = squash(decodeEntities(token.text)) || null;
      else if (skipping === 0) pieces.push(token.text);
    } else if (token.kind === 'close') {
      if (token.name === 'br') flush();
      stack.close(token.name);
    } else {
      if (FLAT_BREAK.has(token.name)) flush();
      if (!stack.open(token.name, token.selfClosing)) continue;
      if (FLAT_SKIP.has(token.name)) skipping++;
      if (token.name === 'title') inTitle = true;
      if (/^h[1-6]$/.test(token.name)) zone = 'heading';
    }
  }
  flush();
  if (title && !lines.some((line) => line.zone === 'heading')) lines.unshift({ text: title, zone: 'heading' });
  return { title, siteName: null, canonicalUrl: null, published: null, lines };
}
