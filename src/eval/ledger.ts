import { parse } from 'csv-parse/sync';
import { eventsCsv, mentionsCsv } from '../export/index.js';
import { Pipeline } from '../pipeline.js';
import type { Rulebook } from '../rulebook/compile.js';
import { openDatabase, Repository } from '../store/index.js';

/** One exported event row, read back from the CSV a user would get. */
export interface ExportedEvent {
  id: string;
  company: string;
  ticker: string | null;
  asset: string;
  action: string;
  quantity: number | null;
  unitPriceUsd: number | null;
  totalUsd: number | null;
  purpose: string[];
  date: string | null;
  dateEnd: string | null;
  holdingsBefore: number | null;
  holdingsAfter: number | null;
  status: string;
  sources: string[];
}

export interface ExportedMention {
  id: string;
  eventId: string | null;
  source: string;
  evidence: string;
}

/** What a user's ledger holds after `datledger ingest FILES` then `datledger export` (both levels). */
export interface ExportedLedger {
  events: ExportedEvent[];
  mentions: ExportedMention[];
  /** publication date found for each source (null when none was found), with where it came from */
  documents: Map<string, { published: string | null; publishedSource: string }>;
  failed: string[];
}

const text = (cell: string) => (cell === '' ? null : cell);
const number = (cell: string) => (cell === '' ? null : Number(cell));

/**
 * Ingests files into a fresh in-memory ledger through the same Pipeline `datledger ingest` runs
 * (nothing but the files: no publication date, no hint), then exports it with the same CSV writer
 * `datledger export` uses and reads the CSV back, so the eval scores exactly what a user gets.
 */
export async function ingestAndExport(paths: string[], rulebook: Rulebook): Promise<ExportedLedger> {
  const repository = new Repository(openDatabase(':memory:'));
  try {
    const summary = new Pipeline(repository, rulebook).ingestPaths(paths);
    const events = repository.allEvents();
    const eventOf = new Map<string, string>();
    for (const event of events) for (const key of event.mentionKeys) eventOf.set(key, event.id);
    const eventRows = parse(eventsCsv(events), { columns: true }) as Record<string, string>[];
    const mentionRows = parse(
      mentionsCsv(repository.allMentions(), (key) => eventOf.get(key) ?? null),
      { columns: true },
    ) as Record<string, string>[];
    const documents = new Map(repository.publishedDates().map(({ source, ...date }) => [source, date]));
    return {
      events: eventRows.map((row) => ({
        id: row.event_id,
        company: row.company,
        ticker: text(row.ticker),
        asset: row.asset,
        action: row.action,
        quantity: number(row.quantity),
        unitPriceUsd: number(row.unit_price_usd),
        totalUsd: number(row.total_usd),
        purpose: row.purpose ? row.purpose.split(';') : [],
        date: text(row.date),
        dateEnd: text(row.date_end),
        holdingsBefore: number(row.holdings_before),
        holdingsAfter: number(row.holdings_after),
        status: row.status,
        sources: row.sources ? row.sources.split(';') : [],
      })),
      mentions: mentionRows.map((row) => ({
        id: row.mention_id,
        eventId: text(row.event_id),
        source: row.source,
        evidence: row.evidence,
      })),
      documents,
      failed: summary.failed.map((failure) => `${failure.input}: ${failure.reason}`),
    };
  } finally {
    repository.db.close();
  }
}
