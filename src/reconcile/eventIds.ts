import { createHash } from 'node:crypto';
import { compareText } from '../compareText.js';
import type { LedgerEvent } from '../schema/event.js';

/** An id an event no longer answers to, and the event that now holds what it was. */
export interface Alias {
  alias: string;
  eventId: string;
  reason: 'merged' | 'split' | 'moved';
}

export interface InheritedIds {
  events: LedgerEvent[];
  aliases: Alias[];
  vanished: Map<string, string[]>;
}

/**
 * Event ids that hold while articles arrive: an event keeps the id of the stored event it shares
 * most mentions with (ids change nothing else: `explain`, scripts and notes keep working). Each old
 * id goes once, to the new event holding most of its mentions (ties: the smaller id, then the
 * event's own first key). An event made of mentions of an old event that went to another one was
 * split off: its fresh id is an alias of the old one. An old id no event took was merged away (or
 * moved to another block): `vanished`, for the caller to alias once every block is written.
 */
export function inheritIds(events: LedgerEvent[], previous: Map<string, string>): InheritedIds {
  const shares: { event: number; oldId: string; shared: number }[] = [];
  events.forEach((event, index) => {
    const counts = new Map<string, number>();
    for (const key of event.mentionKeys) {
      const oldId = previous.get(key);
      if (oldId) counts.set(oldId, (counts.get(oldId) ?? 0) + 1);
    }
    for (const [oldId, shared] of counts) shares.push({ event: index, oldId, shared });
  });
  shares.sort(
    (a, b) =>
      b.shared - a.shared ||
      compareText(a.oldId, b.oldId) ||
      compareText(events[a.event].mentionKeys[0], events[b.event].mentionKeys[0]),
  );
  const given = new Map<number, string>();
  const taken = new Set<string>();
  for (const { event, oldId } of shares) {
    if (given.has(event) || taken.has(oldId)) continue;
    given.set(event, oldId);
    taken.add(oldId);
  }
  const aliases: Alias[] = [];
  const result = events.map((event, index) => {
    const inherited = given.get(index);
    if (inherited) return inherited === event.id ? event : { ...event, id: inherited };
    // A fresh id must not be one an old event of this block keeps (the founder of an event split in two).
    let id = event.id;
    for (let attempt = 1; taken.has(id); attempt++)
      id = createHash('sha256').update(`${event.id}|${attempt}`).digest('hex').slice(0, 12);
    taken.add(id);
    const from = shares.filter((share) => share.event === index).map((share) => share.oldId);
    for (const oldId of new Set(from)) aliases.push({ alias: oldId, eventId: id, reason: 'split' });
    return id === event.id ? event : { ...event, id };
  });
  const inheritedIds = new Set(given.values());
  const vanished = new Map<string, string[]>();
  for (const [key, oldId] of previous) {
    if (inheritedIds.has(oldId)) continue;
    const keys = vanished.get(oldId);
    if (keys) keys.push(key);
    else vanished.set(oldId, [key]);
  }
  return { events: result, aliases, vanished };
}
