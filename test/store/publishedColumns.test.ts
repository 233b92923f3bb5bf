import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { datledger } from '../helpers/cli.js';

/**
 * A ledger written before publication dates kept their page's own date and mentions kept their
 * date phrases (schema 2) is carried forward, and set-published still re-dates its mentions.
 */
const work = mkdtempSync(join(tmpdir(), 'datledger-published-columns-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const APPLICATION_ID = 0x444c4447;
const DOCUMENT_COLUMNS =
  'id, content_hash, source, kind, format, title, site_name, canonical_url, published, published_source, origin, text, ingested_at';

it('carries a schema-2 ledger forward and re-dates mentions stored without their date phrases', async () => {
  // Today's datledger writes the page and its mention; they are copied into a ledger of schema 2 as it stored them.
  const page = join(work, 'undated.txt');
  writeFileSync(
    page,
    'Miner trims its holdings\n\nCleanSpark sold 159 BTC on Monday to cover operating costs, the company said in a statement.\n',
  );
  const current = join(work, 'current.db');
  expect((await datledger(['ingest', page, '--published', '2025-06-01', '--db', current])).code).toBe(0);
  const source = new Database(current, { readonly: true });
  const documents = source.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents`).all() as Record<string, unknown>[];
  const mentions = source.prepare('SELECT * FROM mentions').all() as Record<string, unknown>[];
  source.close();

  const oldPath = join(work, 'old.db');
  const old = new Database(oldPath);
  old.exec(MIGRATIONS[0] as string);
  old.exec(MIGRATIONS[1] as string);
  old.pragma(`application_id = ${APPLICATION_ID}`);
  old.pragma('user_version = 2');
  const insertDocument = old.prepare(
    `INSERT INTO documents (${DOCUMENT_COLUMNS}) VALUES (${DOCUMENT_COLUMNS.split(', ')
      .map((column) => `@${column}`)
      .join(', ')})`,
  );
  // Schema 2 knew only 'option' for a stated date; a second page dated by its label.
  insertDocument.run({ ...documents[0], published_source: 'option' });
  insertDocument.run({
    ...documents[0],
    id: 2,
    content_hash: 'f'.repeat(64),
    source: 'labelled.txt',
    published: '2026-02-12',
    published_source: 'label',
  });
  for (const mention of mentions) {
    const { dateTexts: _texts, contextYear: _year, ...stored } = JSON.parse(mention.data as string);
    old
      .prepare(
        'INSERT INTO mentions (key, document_id, block_key, span_start, span_end, evidence, rules, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        mention.key,
        mention.document_id,
        mention.block_key,
        mention.span_start,
        mention.span_end,
        mention.evidence,
        mention.rules,
        JSON.stringify(stored),
      );
  }
  old.close();

  const run = await datledger(['set-published', page, '2026-03-04', '--db', oldPath]);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/was 2025-06-01 \(paste --published\); 1 of 1 mention\(s\) re-dated/);
  const rows = parse((await datledger(['export', '--level', 'mentions', '--db', oldPath])).stdout, {
    columns: true,
  }) as Record<string, string>[];
  expect(rows.map((row) => [row.published, row.date])).toEqual([['2026-03-04', '2026-03-02']]);

  // Its own date was never recorded: it cannot be gone back to.
  const back = await datledger(['set-published', page, 'page', '--db', oldPath]);
  expect(back.code).toBe(2);
  expect(back.stderr).toContain(`${page}: the date the page itself shows was not recorded`);
  // The labelled page's own date was: back to it (a no-op), exit 0.
  expect((await datledger(['set-published', 'labelled.txt', 'page', '--db', oldPath])).stdout).toMatch(
    /labelled\.txt: published 2026-02-12 \(the page's label\)/,
  );

  const migrated = new Database(oldPath, { readonly: true });
  try {
    expect(migrated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // A page's own date is known to be the page's; a date stated on paste is not.
    expect(
      migrated
        .prepare(
          'SELECT source, published_source, page_published, page_published_source, saved_at FROM documents ORDER BY id',
        )
        .all(),
    ).toEqual([
      { source: page, published_source: 'set', page_published: null, page_published_source: null, saved_at: null },
      {
        source: 'labelled.txt',
        published_source: 'label',
        page_published: '2026-02-12',
        page_published_source: 'label',
        saved_at: null,
      },
    ]);
  } finally {
    migrated.close();
  }
});
