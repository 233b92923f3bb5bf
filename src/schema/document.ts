import { z } from 'zod';

/** Where a document came from, as the user gave it. */
export const InputKind = z.enum(['file', 'url', 'stdin']);

/** Bytes decoded to text, before any cleaning: the output of ingest. */
export const RawDocument = z.object({
  source: z.string().min(1),
  kind: InputKind,
  format: z.enum(['html', 'text']),
  text: z.string(),
  contentHash: z.string().length(64),
  /**
   * A publication date the user stated for this one document (`paste --published`, a sidecar
   * NAME.meta.json): deliberate, so it beats anything found in the page.
   */
  publishedHint: z.string().nullable().default(null),
  /** Who stated publishedHint: 'option' paste --published (the default), 'sidecar' the page's NAME.meta.json. */
  publishedHintSource: z.enum(['option', 'sidecar']).optional(),
  /**
   * A date stated for a whole batch (`ingest --published`): used only for a page that shows no
   * publication date of its own (or only an update date).
   */
  publishedFallback: z.string().nullable().optional(),
  /**
   * When the file was saved (its modification time) or the page fetched. Recorded, never read as
   * a reference: a folder copied today would move every "over the weekend" to this weekend.
   */
  observedAt: z.string().nullable().default(null),
  /**
   * A fetched page's ETag / Last-Modified. They are stored in the transaction that stores the page
   * (never before): validators without the page would make the next run skip a page never kept.
   */
  validators: z.object({ etag: z.string().optional(), lastModified: z.string().optional() }).optional(),
});
export type RawDocument = z.infer<typeof RawDocument>;

export const Zone = z.enum(['body', 'heading', 'related', 'boilerplate']);
export type Zone = z.infer<typeof Zone>;

export const Line = z.object({ text: z.string(), zone: Zone, start: z.number().int().nonnegative() });
export type Line = z.infer<typeof Line>;

/**
 * Where a document's publication date came from. Stated by the user: 'option' (paste --published),
 * 'sidecar' (NAME.meta.json), 'batch' (ingest --published, for pages showing none), 'set' (the
 * set-published command). Found on the page: the rest.
 */
export const PublishedSource = z.enum([
  'option',
  'sidecar',
  'batch',
  'set',
  'json-ld',
  'meta',
  'time',
  'url',
  'canonical',
  'label',
  'dateline',
  'byline',
  'text',
  'updated',
  'none',
]);
export type PublishedSource = z.infer<typeof PublishedSource>;

/** A cleaned article: normalised text split into zoned lines whose offsets index `text`. */
export const Article = z.object({
  source: z.string(),
  contentHash: z.string(),
  title: z.string().nullable(),
  siteName: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  published: z.string().nullable(),
  publishedSource: PublishedSource,
  /** The date the page itself shows, and where (kept when a stated date overrides it). */
  pagePublished: z.string().nullable().optional(),
  pagePublishedSource: PublishedSource.optional(),
  observedAt: z.string().nullable(),
  text: z.string(),
  lines: z.array(Line),
});
export type Article = z.infer<typeof Article>;
