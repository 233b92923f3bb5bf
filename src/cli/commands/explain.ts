import { eventWithLabels, candidateLabel } from '../../review/candidateLabel.js';
import { formatMoney } from '../../review/render.js';
import { describePublishedSource } from '../publishedSource.js';
import type { StoredDocumentRow } from '../../store/index.js';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

/**
 * "published 2026-02-09, from label"; a stated date says what the page itself shows beside it;
 * "no publication date found". When the file was saved is shown only as that, never as a date read.
 */
function publishedNote(published: string | null, document: StoredDocumentRow | null): string {
  if (!published) {
    const saved = document?.saved_at
      ? `; ${document.kind === 'url' ? 'fetched' : document.kind === 'stdin' ? 'pasted' : 'file saved'} ${document.saved_at.slice(0, 10)}, not read as one`
      : '';
    return `no publication date found${saved}; set one with: datledger set-published`;
  }
  if (!document) return `published ${published}`;
  const source = document.published_source;
  const stated = ['option', 'sidecar', 'batch', 'set'].includes(source);
  const from = stated ? describePublishedSource(source, document.source) : source;
  const page = !stated
    ? ''
    : document.page_published
      ? `; the page shows ${document.page_published}, from ${document.page_published_source}`
      : document.page_published_source === 'none'
        ? '; the page shows none'
        : '';
  return `published ${published}, from ${from}${page}`;
}

/** Every value of an event, where it came from (article, sentence, span) and which rule set it. */
export async function explainCommand(
  eventId: string,
  options: { db?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  return withRepository(options.db, 'read', async (repository) => {
    let event = repository.event(eventId);
    const out: string[] = [];
    if (!event) {
      // An id merged into another event, split, or moved by review still leads somewhere.
      const now = repository.resolveAlias(eventId);
      if (now.length === 0)
        throw new UsageError(`no event ${eventId} (or the prefix is ambiguous); list ids with: datledger export`);
      for (const { path } of now) out.push(`${eventId} is no longer an event id: ${path.join(', then ')}`);
      if (now.length > 1)
        out.push(`explain each with: ${now.map(({ eventId: id }) => `datledger explain ${id}`).join(' ; ')}`, '');
      event = repository.event(now[0].eventId)!;
    }
    const mentions = new Map(repository.mentionsByKeys(event.mentionKeys).map((m) => [m.key, m]));
    if (options.json) {
      // The event as stored (every field's value, reason, candidates), and each mention with its page date
      // and evidence spans.
      const evidence = event.mentionKeys.flatMap((key) => {
        const mention = mentions.get(key);
        if (!mention) return [];
        const document = repository.documentOfMention(key);
        // pageShows: the date the page itself shows and where, kept when a stated one (sidecar, --published,
        // set-published) overrides it.
        const pageShows = document?.page_published_source
          ? { date: document.page_published, from: document.page_published_source }
          : null;
        return [
          {
            mention: key,
            source: mention.source,
            published: mention.published,
            publishedFrom: mention.published ? (document?.published_source ?? null) : null,
            pageShows,
            savedAt: document?.saved_at ?? null,
            provenance: mention.provenance,
          },
        ];
      });
      // An id that is no longer an event's (merged, split, moved by review) says which it was and how it led here.
      const reached = eventId === event.id || event.id.startsWith(eventId) ? {} : { asked: eventId, path: out };
      io.stdout.write(`${JSON.stringify({ event: eventWithLabels(event), ...reached, evidence }, null, 2)}\n`);
      return EXIT.ok;
    }
    // A value-only event states what was paid or received, not how many coins: say so, never "null BTC".
    const otherTotal =
      event.totalUsd === null
        ? (event.mentionKeys.map((key) => mentions.get(key)?.otherCurrencyTotal).find(Boolean) ?? null)
        : null;
    const value =
      event.totalUsd !== null
        ? formatMoney(event.totalUsd)
        : otherTotal
          ? formatMoney(otherTotal.amount, otherTotal.currency)
          : 'no value stated';
    const amount = event.quantity !== null ? `${event.quantity} ${event.asset}` : `${value} of ${event.asset}`;
    out.push(
      `event ${event.id}: ${event.company} ${event.action} ` +
        `${amount}${event.date ? ` on ${event.date}${event.dateEnd ? `..${event.dateEnd}` : ''}` : ''}`,
    );
    out.push(
      `status ${event.status}, confidence ${event.confidence}, ${event.sourceCount} independent source(s), ` +
        `review ${event.reviewState}`,
      '',
    );
    for (const [field, resolution] of Object.entries(event.fields)) {
      if (field === 'quantity' && event.quantity === null) {
        out.push(`quantity: not stated (value-only: ${value})`);
        continue;
      }
      if (resolution.value === null && resolution.candidates.length === 0) continue;
      out.push(
        `${field} = ${resolution.value ?? '(none)'}  [${resolution.state}, confidence ${resolution.confidence}]`,
      );
      out.push(`  why: ${resolution.reason}`);
      if (resolution.suggestion) out.push(`  suggestion: ${resolution.suggestion}`);
      for (const candidate of resolution.candidates)
        out.push(
          `  candidate ${candidateLabel(candidate)}${candidate.note ? ` (${candidate.note})` : ''} ` +
            `from ${candidate.sources.join(', ')}`,
        );
    }
    out.push('', 'evidence:');
    for (const key of event.mentionKeys) {
      const mention = mentions.get(key);
      if (!mention) continue;
      // Where the page's date came from (JSON-LD, a dateline, a label, the URL, --published, a sidecar,
      // set-published ...): a date is only as good as its reference.
      out.push(
        `  mention ${key} in ${mention.source} ` +
          `(${publishedNote(mention.published, repository.documentOfMention(key))})`,
      );
      for (const [field, evidences] of Object.entries(mention.provenance)) {
        for (const evidence of evidences)
          out.push(
            `    ${field.padEnd(16)} "${evidence.text}" [${evidence.start}-${evidence.end}] rule ${evidence.rule}`,
          );
      }
    }
    io.stdout.write(`${out.join('\n')}\n`);
    return EXIT.ok;
  });
}
