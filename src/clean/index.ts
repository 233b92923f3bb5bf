import type { Article, Line, RawDocument, Zone } from '../schema/document.js';
import { parseHtml } from './html.js';
import { rebuildFlatTables, splitRunTogetherTable } from './flatTables.js';
import { joinWrappedLines } from './lineWraps.js';
import { repairMojibake } from './mojibake.js';
import { dropGluedFootnotes, normalizeLine } from './normalizeText.js';
import { dateFromUrl, publishedFromLines } from './published.js';
import { isHeadlineLike, RELATED_PREFIX, zoneTextLines } from './zones.js';
import { CELL_SEPARATOR } from '../schema/tableRow.js';

/**
 * clean: RawDocument -> Article. Main text and metadata out of the page, normalised, every line
 * with a zone; offsets of lines index `text`.
 */
export function cleanDocument(raw: RawDocument, assetSymbols: readonly string[] = []): Article {
  const isUrl = /^https?:\/\//i.test(raw.source);
  let zoned: { text: string; zone: Zone }[];
  let title: string | null = null;
  let siteName: string | null = null;
  let canonicalUrl: string | null = null;
  let published: Article['published'] = null;
  let publishedSource: Article['publishedSource'] = 'none';
  // Damaged punctuation is put back first: everything below reads figures and dates.
  const pageText = repairMojibake(raw.text);

  if (raw.format === 'html') {
    const page = parseHtml(pageText, isUrl ? raw.source : null);
    ({ title, siteName, canonicalUrl } = page);
    if (page.published) ({ date: published, source: publishedSource } = page.published);
    zoned = page.lines.map((line) => ({ text: normalizeLine(line.text, assetSymbols), zone: line.zone }));
    if (zoned.some((line) => line.text.includes('---')))
      zoned = zoned.flatMap((line) => splitRunTogetherTable(line.text).map((text) => ({ text, zone: line.zone })));
    zoned = zoned.map((line) => (RELATED_PREFIX.test(line.text) ? { ...line, zone: 'related' as Zone } : line));
    // Short title-like paragraphs inside the body are sub-headings in all but markup.
    zoned = zoned.map((line) =>
      line.zone === 'body' &&
      !/[.!?:;,]$/.test(line.text) &&
      line.text.split(' ').length <= 12 &&
      isHeadlineLike(line.text)
        ? { ...line, zone: 'heading' as Zone }
        : line,
    );
  } else {
    // Columns of a plain-text table (tabs or runs of spaces) become cells, as HTML table cells do.
    const lines = pageText
      .split(/\r\n|\r|\n/)
      .map((line) =>
        line.includes('\t') || line.includes('   ')
          ? line.replace(/(\S)(?:\t+| {3,})(?=\S)/g, `$1${CELL_SEPARATOR}`)
          : line,
      );
    let normalized = lines.map((line) => dropGluedFootnotes(normalizeLine(line, assetSymbols)));
    if (normalized.some((line) => line.includes('---'))) normalized = normalized.flatMap(splitRunTogetherTable);
    // Tables flattened to a cell a line are rebuilt first: their cells are never joined as wrapped
    // sentences. Sentences wrapped at a fixed width are joined before zoning: a fragment looks like a headline.
    zoned = zoneTextLines(joinWrappedLines(rebuildFlatTables(normalized), assetSymbols));
    title = zoned.find((line) => line.zone === 'heading')?.text ?? null;
  }

  if (!published) {
    const fromUrl = isUrl ? dateFromUrl(raw.source) : null;
    // The page's own words: a labelled date, a wire dateline or a dated byline near the top (published.ts).
    const fromText = fromUrl ? null : publishedFromLines(zoned);
    if (fromUrl) [published, publishedSource] = [fromUrl, 'url'];
    else if (fromText) ({ date: published, source: publishedSource } = fromText);
  }
  const [pagePublished, pagePublishedSource] = [published, publishedSource];
  // Precedence: a date stated for this page (paste --published, its sidecar) > the page's own date >
  // a batch's --published. A batch date is typed once for many pages: it is meant for the ones that
  // show no date, not to overrule a page that shows its own; an update date is not a publication date.
  if (raw.publishedHint) [published, publishedSource] = [raw.publishedHint, raw.publishedHintSource ?? 'option'];
  else if (raw.publishedFallback && (!published || publishedSource === 'updated'))
    [published, publishedSource] = [raw.publishedFallback, 'batch'];

  const lines: Line[] = [];
  let text = '';
  for (const line of zoned) {
    if (!line.text) continue;
    lines.push({ text: line.text, zone: line.zone, start: text.length });
    text += `${line.text}\n`;
  }
  return {
    source: raw.source,
    contentHash: raw.contentHash,
    title,
    siteName,
    canonicalUrl,
    published,
    publishedSource,
    pagePublished,
    pagePublishedSource,
    observedAt: raw.observedAt,
    text,
    lines,
  };
}
