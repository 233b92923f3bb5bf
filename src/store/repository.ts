import type { Article, RawDocument } from '../schema/document.js';
import { LedgerEvent, storedEvent } from '../schema/event.js';
import { TransactionMention } from '../schema/mention.js';
import { blockKey, type Decision } from '../schema/block.js';
import { BAND_COUNT, bandKeys, SIGNATURE_VERSION } from '../origins/minhash.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { QuietReason } from '../extract/quietReason.js';
import { representativeBands, type OriginCandidate } from '../origins/representatives.js';
import { decodeSignature, encodeSignature } from './signatures.js';
import { RepresentativeIndex } from './representativeIndex.js';

export interface StoredDecision extends Decision {
  valueBefore: string | null;
  candidates: string;
  reviewer: string;
  decidedAt: string;
  note: string | null;
}

/** All SQL lives here, as prepared statements; the stages above never see a query. */
export class Repository {
  private readonly statements;
  private documentRowByHash: Statement | null = null;
  /** origin_bands with signatures, in memory while no other connection writes (representativeIndex.ts). */
  private readonly representatives: RepresentativeIndex;

  constructor(readonly db: Db) {
    this.statements = {
      documentByHash: db.prepare('SELECT id FROM documents WHERE content_hash = ?'),
      insertDocument: db.prepare(`INSERT OR IGNORE INTO documents (content_hash, source, kind, format, title, site_name,
          canonical_url, published, published_source, page_published, page_published_source, saved_at, origin, text,
          ingested_at, quiet_reason, quiet_detail)
        VALUES (@contentHash, @source, @kind, @format, @title, @siteName, @canonicalUrl, @published, @publishedSource,
          @pagePublished, @pagePublishedSource, @savedAt, @origin, @text, @ingestedAt, @quietReason, @quietDetail)`),
      insertSignature: db.prepare('INSERT INTO document_signatures (document_id, version, signature) VALUES (?, ?, ?)'),
      addRepresentative: db.prepare('INSERT INTO origin_bands (band, document_id, origin) VALUES (?, ?, ?)'),
      insertMention: db.prepare(
        'INSERT OR REPLACE INTO mentions (key, document_id, block_key, span_start, span_end, evidence, rules, data) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      mentionsOfBlock: db.prepare('SELECT data FROM mentions WHERE block_key = ?'),
      allMentions: db.prepare('SELECT data FROM mentions ORDER BY key'),
      deleteEventsOfBlock: db.prepare('DELETE FROM events WHERE block_key = ?'),
      deleteLinksOfBlock: db.prepare(
        'DELETE FROM event_mentions WHERE event_id IN (SELECT id FROM events WHERE block_key = ?)',
      ),
      deleteConflictsOfBlock: db.prepare(
        'DELETE FROM conflicts WHERE event_id IN (SELECT id FROM events WHERE block_key = ?)',
      ),
      insertEvent: db.prepare('INSERT OR REPLACE INTO events (id, block_key, data) VALUES (?, ?, ?)'),
      insertLink: db.prepare('INSERT OR IGNORE INTO event_mentions (event_id, mention_key) VALUES (?, ?)'),
      insertConflict: db.prepare('INSERT OR REPLACE INTO conflicts (event_id, field, data) VALUES (?, ?, ?)'),
      allEvents: db.prepare('SELECT data FROM events'),
      eventById: db.prepare('SELECT data FROM events WHERE id = ? OR id LIKE ?'),
      decisionsOfBlock: db.prepare('SELECT * FROM decisions WHERE block_key = ? AND undone = 0 ORDER BY id'),
      allDecisions: db.prepare('SELECT * FROM decisions ORDER BY id'),
      insertDecision:
        db.prepare(`INSERT INTO decisions (block_key, field, value, value_before, mention_keys, candidates,
          reviewer, decided_at, note)
        VALUES (@blockKey, @field, @value, @valueBefore, @mentionKeys, @candidates, @reviewer, @decidedAt, @note)`),
      undoDecision: db.prepare('UPDATE decisions SET undone = 1 WHERE id = ?'),
      lastDecision: db.prepare('SELECT * FROM decisions WHERE undone = 0 ORDER BY id DESC LIMIT 1'),
      // An input that fails again replaces its row; one that is stored at last loses it (clearFailure).
      insertFailure: db.prepare(
        'INSERT INTO failures (input, reason, failed_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (input) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at',
      ),
      hasFailure: db.prepare('SELECT 1 FROM failures WHERE input = ?'),
      clearFailure: db.prepare('DELETE FROM failures WHERE input = ?'),
      failures: db.prepare(
        'SELECT input, reason, failed_at AS failedAt FROM failures ORDER BY failed_at DESC, id DESC LIMIT ?',
      ),
      documentText: db.prepare('SELECT text FROM documents WHERE id = ?'),
      documentById: db.prepare('SELECT * FROM documents WHERE id = (SELECT document_id FROM mentions WHERE key = ?)'),
      counts: db.prepare(`SELECT (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id))
          AS documentsWithoutMentions,
        (SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM conflicts) AS conflicts, (SELECT count(*) FROM failures) AS failures,
        (SELECT count(*) FROM decisions WHERE undone = 0) AS decisions`),
      retiredMentions: db.prepare(
        'SELECT m.key, m.block_key AS blockKey FROM mentions m JOIN documents d ON d.id = m.document_id ' +
          'WHERE d.source = ? AND d.content_hash <> ?',
      ),
      deleteMention: db.prepare('DELETE FROM mentions WHERE key = ?'),
      // Only validators of a page that is stored count (a database written before they were kept in the
      // page's transaction may hold others).
      validators: db.prepare(
        'SELECT etag, last_modified AS lastModified FROM fetch_cache c ' +
          'WHERE url = ? AND EXISTS (SELECT 1 FROM documents d WHERE d.content_hash = c.content_hash)',
      ),
      saveValidators: db.prepare(
        'INSERT OR REPLACE INTO fetch_cache (url, etag, last_modified, content_hash, fetched_at) ' +
          'VALUES (?, ?, ?, ?, ?)',
      ),
    };
    this.representatives = new RepresentativeIndex(db);
  }

  /**
   * A page fetched again with new content replaces what the old version said; returns the blocks
   * touched.
   */
  retireOlderVersions(source: string, contentHash: string): string[] {
    const rows = this.statements.retiredMentions.all(source, contentHash) as { key: string; blockKey: string }[];
    for (const row of rows) this.statements.deleteMention.run(row.key);
    return [...new Set(rows.map((row) => row.blockKey))];
  }

  /** Blocks holding mentions that belong to no event (a crash between storing and reconciling). */
  blocksWithUnreconciledMentions(): string[] {
    // Mentions of an event review rejected belong to no event on purpose: not a crash to recover from at
    // every ingest.
    return (
      this.db
        .prepare(
          `SELECT DISTINCT block_key AS block FROM mentions WHERE key NOT IN (SELECT mention_key FROM event_mentions)
      AND key NOT IN (SELECT j.value FROM decisions d, json_each(d.mention_keys) j
        WHERE d.field = 'reject' AND d.undone = 0)`,
        )
        .all() as { block: string }[]
    ).map((row) => row.block);
  }

  hasDocument(contentHash: string): boolean {
    return this.statements.documentByHash.get(contentHash) !== undefined;
  }

  /**
   * The representatives of the origins a text with these band keys may belong to, earliest first,
   * each with its stored signature: a bounded number (src/origins/representatives.ts), however many
   * documents the origins have.
   */
  originCandidates(bands: number[]): OriginCandidate[] {
    if (bands.length !== BAND_COUNT) throw new Error(`expected ${BAND_COUNT} band keys, got ${bands.length}`);
    return this.representatives.candidates(bands);
  }

  /**
   * Inserts a document, its signature, the band keys it represents its origin on
   * (src/origins/representatives.ts) and its mentions; returns false when the same text was already stored.
   */
  insertDocument(
    raw: RawDocument,
    article: Article,
    origin: string,
    signature: Uint32Array,
    representOn: number[],
    mentions: TransactionMention[],
    quiet: QuietReason | null = null,
  ): boolean {
    const result = this.statements.insertDocument.run({
      contentHash: raw.contentHash,
      source: raw.source,
      kind: raw.kind,
      format: raw.format,
      title: article.title,
      siteName: article.siteName,
      canonicalUrl: article.canonicalUrl,
      published: article.published,
      publishedSource: article.publishedSource,
      pagePublished: article.pagePublished ?? null,
      pagePublishedSource: article.pagePublishedSource ?? null,
      savedAt: raw.observedAt,
      origin,
      text: article.text,
      ingestedAt: new Date().toISOString(),
      quietReason: quiet?.code ?? null,
      quietDetail: quiet?.detail ?? null,
    });
    if (result.changes === 0) return false;
    const id = Number(result.lastInsertRowid);
    this.statements.insertSignature.run(id, SIGNATURE_VERSION, encodeSignature(signature));
    for (const band of representOn) this.represent(band, id, origin, signature);
    for (const mention of mentions) {
      const span = mention.provenance.action?.[0];
      this.statements.insertMention.run(
        mention.key,
        id,
        blockKey(mention),
        span?.start ?? mention.sentenceStart,
        span?.end ?? mention.sentenceStart,
        mention.evidence,
        mention.rules.join(';'),
        JSON.stringify(mention),
      );
    }
    return true;
  }

  mentionsOfBlocks(blockKeys: Iterable<string>): TransactionMention[] {
    const mentions: TransactionMention[] = [];
    for (const key of blockKeys)
      for (const row of this.statements.mentionsOfBlock.all(key) as { data: string }[])
        mentions.push(TransactionMention.parse(JSON.parse(row.data)));
    return mentions;
  }

  /** The mentions with these keys, wherever they are stored (review may have moved them to another block). */
  mentionsByKeys(keys: Iterable<string>): TransactionMention[] {
    const lookup = this.db.prepare('SELECT data FROM mentions WHERE key = ?');
    const mentions: TransactionMention[] = [];
    for (const key of keys) {
      const row = lookup.get(key) as { data: string } | undefined;
      if (row) mentions.push(JSON.parse(row.data) as TransactionMention);
    }
    return mentions;
  }

  /** The event holding a mention now, if any. */
  eventOfMention(key: string): LedgerEvent | null {
    const row = this.db
      .prepare('SELECT e.data FROM event_mentions l JOIN events e ON e.id = l.event_id WHERE l.mention_key = ?')
      .get(key) as { data: string } | undefined;
    return row ? storedEvent(row.data) : null;
  }

  /** Mention keys starting with `prefix` (a key is 16 hex digits, ':', an ordinal). */
  mentionKeysByPrefix(prefix: string): string[] {
    return (
      this.db
        .prepare('SELECT key FROM mentions WHERE substr(key, 1, length(?)) = ? ORDER BY key')
        .all(prefix, prefix) as { key: string }[]
    ).map((row) => row.key);
  }

  /** In-force decisions that moved mentions to another company, action or asset: which blocks reconcile together. */
  recastDecisions(): Decision[] {
    return (
      this.db
        .prepare("SELECT * FROM decisions WHERE undone = 0 AND field IN ('company', 'action', 'asset') ORDER BY id")
        .all() as Record<string, unknown>[]
    ).map(toDecision);
  }

  /** A note written on a decision after it was made (review's n key); the audit row keeps it. */
  setDecisionNote(id: number, note: string) {
    this.db.prepare('UPDATE decisions SET note = ? WHERE id = ?').run(note, id);
  }

  /** Marks one decision undone (the latest in force when no id is given); it stays in the audit table. */
  undoDecision(id: number): Decision | null {
    const row = this.db.prepare('SELECT * FROM decisions WHERE id = ? AND undone = 0').get(id) as
      Record<string, unknown> | undefined;
    if (!row) return null;
    this.statements.undoDecision.run(id);
    return toDecision(row);
  }

  allMentions(): TransactionMention[] {
    return (this.statements.allMentions.all() as { data: string }[]).map(
      (row) => JSON.parse(row.data) as TransactionMention,
    );
  }

  replaceEvents(blockKeys: Iterable<string>, events: Iterable<LedgerEvent>) {
    for (const key of blockKeys) {
      this.statements.deleteLinksOfBlock.run(key);
      this.statements.deleteConflictsOfBlock.run(key);
      this.statements.deleteEventsOfBlock.run(key);
    }
    for (const event of events) {
      this.statements.insertEvent.run(event.id, event.blockKey, JSON.stringify(LedgerEvent.parse(event)));
      for (const key of event.mentionKeys) this.statements.insertLink.run(event.id, key);
      for (const [field, resolution] of Object.entries(event.fields))
        if (resolution.state === 'open')
          this.statements.insertConflict.run(event.id, field, JSON.stringify(resolution));
    }
  }

  allEvents(): LedgerEvent[] {
    return (this.statements.allEvents.all() as { data: string }[]).map((row) => storedEvent(row.data)).sort(eventOrder);
  }

  event(id: string): LedgerEvent | null {
    const rows = this.statements.eventById.all(id, `${id}%`) as { data: string }[];
    return rows.length === 1 ? storedEvent(rows[0].data) : null;
  }

  /** A stored page's clean text (set-published reads its date phrases again against a new date). */
  documentText(id: number): string | null {
    return (this.statements.documentText.get(id) as { text: string } | undefined)?.text ?? null;
  }

  documentOfMention(key: string): (StoredDocumentRow & { text: string }) | null {
    return (this.statements.documentById.get(key) as (StoredDocumentRow & { text: string }) | undefined) ?? null;
  }

  /**
   * The stored documents a user's reference names: as `documentIds` finds them (the source as
   * stored, the same file in another spelling, a document id), else by a content-hash prefix of at
   * least 6 hex digits (a mention key starts with 16). A URL fetched again with new content is
   * several documents of one source.
   */
  documentsByReference(reference: string, sameFile: (stored: string) => boolean = () => false): StoredDocumentRow[] {
    const byRow = this.db.prepare(`SELECT ${DOCUMENT_ROW_COLUMNS} FROM documents WHERE id = ?`);
    const ids = this.documentIds(reference, sameFile);
    if (ids.length > 0) return ids.map((id) => byRow.get(id) as StoredDocumentRow);
    const hash = reference.toLowerCase().split(':')[0];
    if (!/^[0-9a-f]{6,64}$/.test(hash)) return [];
    return this.db
      .prepare(`SELECT ${DOCUMENT_ROW_COLUMNS} FROM documents WHERE substr(content_hash, 1, length(?)) = ? ORDER BY id`)
      .all(hash, hash) as StoredDocumentRow[];
  }

  /** The stored document with this text, if any. */
  documentByHash(contentHash: string): StoredDocumentRow | null {
    // Asked once per known page on a re-ingest that states a date: prepared once.
    this.documentRowByHash ??= this.db.prepare(`SELECT ${DOCUMENT_ROW_COLUMNS} FROM documents WHERE content_hash = ?`);
    return (this.documentRowByHash.get(contentHash) as StoredDocumentRow | undefined) ?? null;
  }

  /** The mentions a document yielded, as stored. */
  mentionsOfDocument(documentId: number): TransactionMention[] {
    return (
      this.db.prepare('SELECT data FROM mentions WHERE document_id = ? ORDER BY key').all(documentId) as {
        data: string;
      }[]
    ).map((row) => TransactionMention.parse(JSON.parse(row.data)));
  }

  /** Rewrites a stored mention in place (same key, same block): a re-read of its date. */
  replaceMention(mention: TransactionMention) {
    this.db.prepare('UPDATE mentions SET data = ? WHERE key = ?').run(JSON.stringify(mention), mention.key);
  }

  setDocumentPublished(documentId: number, published: string | null, source: string) {
    this.db
      .prepare('UPDATE documents SET published = ?, published_source = ? WHERE id = ?')
      .run(published, source, documentId);
  }

  /** Each stored document's publication date and where it came from, by source. */
  publishedDates(): { source: string; published: string | null; publishedSource: string }[] {
    return (
      this.db.prepare('SELECT source, published, published_source FROM documents').all() as {
        source: string;
        published: string | null;
        published_source: string;
      }[]
    ).map((row) => ({ source: row.source, published: row.published, publishedSource: row.published_source }));
  }

  decisionsOfBlocks(blockKeys: Iterable<string>): Decision[] {
    const decisions: Decision[] = [];
    for (const key of blockKeys)
      for (const row of this.statements.decisionsOfBlock.all(key) as Record<string, unknown>[])
        decisions.push(toDecision(row));
    return decisions;
  }

  insertDecision(decision: Omit<StoredDecision, 'id'>): number {
    return Number(
      this.statements.insertDecision.run({ ...decision, mentionKeys: JSON.stringify(decision.mentionKeys) })
        .lastInsertRowid,
    );
  }

  undoLastDecision(): Decision | null {
    const row = this.statements.lastDecision.get() as Record<string, unknown> | undefined;
    if (!row) return null;
    this.statements.undoDecision.run(row.id);
    return toDecision(row);
  }

  recordFailure(input: string, reason: string) {
    this.statements.insertFailure.run(input, reason, new Date().toISOString());
  }

  /** The input is stored (or found already stored): it is no longer a failing input. */
  clearFailure(input: string) {
    // Looked up first: a DELETE that matches nothing would still take the write lock from a concurrent ingest.
    if (this.statements.hasFailure.get(input)) this.statements.clearFailure.run(input);
  }

  failures(limit = 50): { input: string; reason: string; failedAt: string }[] {
    return this.statements.failures.all(limit) as { input: string; reason: string; failedAt: string }[];
  }

  counts() {
    return this.statements.counts.get() as {
      documents: number;
      documentsWithoutMentions: number;
      mentions: number;
      events: number;
      conflicts: number;
      failures: number;
      decisions: number;
    };
  }

  validators(url: string): { etag?: string; lastModified?: string } | undefined {
    const row = this.statements.validators.get(url) as { etag: string | null; lastModified: string | null } | undefined;
    return row ? { etag: row.etag ?? undefined, lastModified: row.lastModified ?? undefined } : undefined;
  }

  saveValidators(url: string, etag: string | undefined, lastModified: string | undefined, contentHash: string) {
    this.statements.saveValidators.run(url, etag ?? null, lastModified ?? null, contentHash, new Date().toISOString());
  }

  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      // Rolled back: representatives cached as inserted may not be stored.
      this.representatives.forget();
      throw error;
    }
  }

  /**
   * Each company name stored mentions carry, with how many mentions name it, and one example:
   * its first mention by key, one in an article's body before one in a heading or related link: the
   * evidence, the source, and the article text from the start of the mention's sentence (at most
   * 1,200 characters). Most mentioned first.
   */
  companyMentions(): CompanyMentions[] {
    // With exactly one min() in the query, SQLite takes the bare columns from the row holding that minimum.
    return this.db
      .prepare(
        `SELECT json_extract(m.data, '$.company') AS company, count(*) AS mentions,
        substr(min(CASE json_extract(m.data, '$.zone') WHEN 'body' THEN '0' ELSE '1' END || m.key), 2) AS exampleKey,
        m.evidence AS evidence, d.source AS source,
        substr(d.text, json_extract(m.data, '$.sentenceStart') + 1, 1200) AS textFromSentence
      FROM mentions m JOIN documents d ON d.id = m.document_id GROUP BY 1 ORDER BY mentions DESC, company`,
      )
      .all() as CompanyMentions[];
  }

  /**
   * Stored documents with how many mentions and events each yielded, and, for those that yielded
   * none, why (as their analysis said). `source` matches any part of the source.
   */
  documents(filter: { quiet?: boolean; source?: string; reason?: string } = {}): StoredDocumentRow[] {
    const where: string[] = [];
    const parameters: Record<string, string> = {};
    if (filter.quiet) where.push('mentions = 0');
    if (filter.source !== undefined) {
      where.push('instr(source, @source) > 0');
      parameters.source = filter.source;
    }
    if (filter.reason !== undefined) {
      where.push('mentions = 0 AND quietReason = @reason');
      parameters.reason = filter.reason;
    }
    return this.db
      .prepare(
        `SELECT * FROM (SELECT d.id, d.source, d.kind, d.title, d.published, d.ingested_at AS ingestedAt,
          d.quiet_reason AS quietReason, d.quiet_detail AS quietDetail,
        (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions,
        (SELECT count(DISTINCT l.event_id) FROM mentions m JOIN event_mentions l ON l.mention_key = m.key
          WHERE m.document_id = d.id) AS events
      FROM documents d) ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      )
      .all(parameters) as StoredDocumentRow[];
  }

  /**
   * The ids of the documents stored under this source (every fetched version of a URL), else of
   * the files stored under another spelling of the same path (./a.txt, /abs/a.txt), else the
   * document with this id.
   */
  documentIds(sourceOrId: string, sameFile: (stored: string) => boolean = () => false): number[] {
    const bySource = (
      this.db.prepare('SELECT id FROM documents WHERE source = ? ORDER BY id').all(sourceOrId) as { id: number }[]
    ).map((row) => row.id);
    if (bySource.length > 0) return bySource;
    const files = this.db.prepare("SELECT id, source FROM documents WHERE kind = 'file' ORDER BY id").all() as {
      id: number;
      source: string;
    }[];
    const byPath = files.filter((row) => sameFile(row.source)).map((row) => row.id);
    if (byPath.length > 0 || !/^#?\d+$/.test(sourceOrId)) return byPath;
    return (
      this.db.prepare('SELECT id FROM documents WHERE id = ?').all(Number(sourceOrId.replace('#', ''))) as {
        id: number;
      }[]
    ).map((row) => row.id);
  }

  /**
   * Removes documents with their mentions, bands and fetch validators (so the page is fetched
   * again if asked); returns the blocks their mentions were in, to be reconciled again. Review
   * decisions stay: they are durable, and apply again if the same reports come back.
   */
  deleteDocuments(ids: number[]): { blocks: string[]; mentions: number; sources: string[] } {
    const blocks = new Set<string>();
    let mentions = 0;
    const sources = new Set<string>();
    /** The band keys each origin loses a representative on. */
    const vacated = new Map<string, Set<number>>();
    for (const id of ids) {
      const document = this.db.prepare('SELECT source FROM documents WHERE id = ?').get(id) as
        { source: string } | undefined;
      if (!document) continue;
      sources.add(document.source);
      for (const row of this.db.prepare('SELECT band, origin FROM origin_bands WHERE document_id = ?').all(id) as {
        band: number;
        origin: string;
      }[]) {
        const bands = vacated.get(row.origin) ?? new Set<number>();
        vacated.set(row.origin, bands.add(row.band));
      }
      for (const row of this.db
        .prepare('SELECT key, block_key AS blockKey FROM mentions WHERE document_id = ?')
        .all(id) as { key: string; blockKey: string }[]) {
        blocks.add(row.blockKey);
        this.db.prepare('DELETE FROM event_mentions WHERE mention_key = ?').run(row.key);
        mentions++;
      }
      this.db.prepare('DELETE FROM mentions WHERE document_id = ?').run(id);
      this.db.prepare('DELETE FROM origin_bands WHERE document_id = ?').run(id);
      this.db.prepare('DELETE FROM document_signatures WHERE document_id = ?').run(id);
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    }
    this.representatives.forget();
    for (const source of sources)
      if (this.db.prepare('SELECT 1 FROM documents WHERE source = ?').get(source) === undefined)
        this.db.prepare('DELETE FROM fetch_cache WHERE url = ?').run(source);
    for (const [origin, bands] of vacated) this.electRepresentatives(origin, bands);
    return { blocks: [...blocks], mentions, sources: [...sources] };
  }

  /**
   * After a representative is forgotten, a band key its origin no longer holds is taken by the
   * origin's earliest remaining document that has it (and that ingest's rules let in), so later
   * reprints still find the origin there.
   */
  private electRepresentatives(origin: string, vacated: Set<number>) {
    const holds = this.db.prepare('SELECT 1 FROM origin_bands WHERE band = ? AND origin = ?');
    for (const band of vacated) if (holds.get(band, origin)) vacated.delete(band);
    const members = this.db
      .prepare(
        'SELECT d.id, s.signature FROM documents d JOIN document_signatures s ON s.document_id = d.id ' +
          'WHERE d.origin = ? ORDER BY d.id',
      )
      .all(origin) as { id: number; signature: Buffer }[];
    for (const member of members) {
      if (vacated.size === 0) return;
      const sig = decodeSignature(member.signature);
      const bands = bandKeys(sig);
      for (const band of representativeBands(sig, origin, bands, this.originCandidates(bands))) {
        if (!vacated.delete(band)) continue;
        this.represent(band, member.id, origin, sig);
      }
    }
  }

  /** The document becomes a representative of its origin on a band key (src/origins/representatives.ts). */
  private represent(band: number, id: number, origin: string, signature: Uint32Array) {
    this.statements.addRepresentative.run(band, id, origin);
    this.representatives.added({ band, origin, id, signature });
  }

  /**
   * Every event id starting with `prefix`, so a caller can tell "none" from "ambiguous" (LIKE would read
   * _ and % as wildcards).
   */
  eventIdsByPrefix(prefix: string): string[] {
    return (
      this.db.prepare('SELECT id FROM events WHERE substr(id, 1, length(?)) = ? ORDER BY id').all(prefix, prefix) as {
        id: string;
      }[]
    ).map((row) => row.id);
  }

  /** Which stored event holds each mention of a block: what new events inherit their ids from. */
  membershipOfBlock(blockKey: string): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT l.mention_key AS key, l.event_id AS id FROM event_mentions l JOIN events e ON e.id = l.event_id ' +
          'WHERE e.block_key = ?',
      )
      .all(blockKey) as { key: string; id: string }[];
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  /** The event now holding most of these mentions, if any does. */
  holderOf(mentionKeys: string[]): string | null {
    const counts = new Map<string, number>();
    const lookup = this.db.prepare('SELECT event_id AS id FROM event_mentions WHERE mention_key = ?');
    for (const key of mentionKeys)
      for (const row of lookup.all(key) as { id: string }[]) counts.set(row.id, (counts.get(row.id) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  }

  insertAlias(alias: string, eventId: string, reason: string) {
    if (alias === eventId) return;
    this.db
      .prepare('INSERT OR IGNORE INTO event_aliases (alias, event_id, reason, created_at) VALUES (?, ?, ?, ?)')
      .run(alias, eventId, reason, new Date().toISOString());
  }

  /**
   * The live events an id that is no longer one now answers to, followed through later merges and
   * splits (a few hops at most), with how each step came about. Empty when the id is live or unknown.
   */
  resolveAlias(id: string): { eventId: string; path: string[] }[] {
    const step = this.db.prepare(
      'SELECT event_id AS eventId, reason FROM event_aliases WHERE alias = ? ORDER BY created_at, event_id',
    );
    const live = this.db.prepare('SELECT 1 FROM events WHERE id = ?');
    const found = new Map<string, string[]>();
    const walk = (from: string, path: string[], depth: number) => {
      for (const { eventId, reason } of step.all(from) as { eventId: string; reason: string }[]) {
        const here = [...path, `${reason} ${from} -> ${eventId}`];
        if (live.get(eventId)) {
          if (!found.has(eventId)) found.set(eventId, here);
        } else if (depth < 8) walk(eventId, here, depth + 1);
      }
    };
    // A unique prefix of an old id serves, as it does for a live one.
    const olds = (
      this.db.prepare('SELECT DISTINCT alias FROM event_aliases WHERE substr(alias, 1, length(?)) = ?').all(id, id) as {
        alias: string;
      }[]
    ).map((row) => row.alias);
    const old = olds.includes(id) ? id : olds.length === 1 ? olds[0] : null;
    if (old && !live.get(old)) walk(old, [], 0);
    return [...found].map(([eventId, path]) => ({ eventId, path }));
  }

  /** The whole decisions audit trail in the order it was written, undone rows included and marked. */
  decisionLog(): DecisionLogEntry[] {
    return (this.statements.allDecisions.all() as Record<string, unknown>[]).map((row) => ({
      ...toDecision(row),
      valueBefore: row.value_before as string | null,
      candidates: row.candidates as string,
      reviewer: row.reviewer as string,
      decidedAt: row.decided_at as string,
      note: row.note as string | null,
      undone: row.undone === 1,
    }));
  }
}

function toDecision(row: Record<string, unknown>): Decision {
  return {
    id: row.id as number,
    blockKey: row.block_key as string,
    field: row.field as string,
    value: row.value as string,
    mentionKeys: JSON.parse(row.mention_keys as string) as string[],
  };
}

export function eventOrder(a: LedgerEvent, b: LedgerEvent): number {
  return (
    a.company.localeCompare(b.company) ||
    (a.date ?? '').localeCompare(b.date ?? '') ||
    a.action.localeCompare(b.action) ||
    byQuantity(a.quantity, b.quantity) ||
    a.id.localeCompare(b.id)
  );
}

/** Smaller counts first; value-only events (no count) after the counted ones. */
const byQuantity = (a: number | null, b: number | null) =>
  a === null || b === null ? Number(a === null) - Number(b === null) : a - b;

/** Without the text: a lookup by reference or hash need not read a whole page. */
const DOCUMENT_ROW_COLUMNS =
  'id, content_hash, source, kind, title, published, published_source, page_published, page_published_source, saved_at';

/** A stored document as the commands that name one see it (documents table columns). */
export interface StoredDocumentRow {
  id: number;
  content_hash: string;
  source: string;
  kind: string;
  title: string | null;
  published: string | null;
  published_source: string;
  /** the date the page itself shows and where; null on rows stored before it was kept and a stated date overrode it */
  page_published: string | null;
  page_published_source: string | null;
  saved_at: string | null;
}

/** A company name as stored mentions carry it (Repository.companyMentions). */
export interface CompanyMentions {
  company: string;
  mentions: number;
  exampleKey: string;
  evidence: string;
  source: string;
  textFromSentence: string;
}

/** A stored document as `datledger documents` lists it. */
export interface StoredDocumentRow {
  id: number;
  source: string;
  kind: string;
  title: string | null;
  published: string | null;
  ingestedAt: string;
  mentions: number;
  events: number;
  quietReason: string | null;
  quietDetail: string | null;
}

/** A row of the decisions audit table as `review --log` shows it. */
export interface DecisionLogEntry extends StoredDecision {
  undone: boolean;
}
