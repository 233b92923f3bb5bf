import type { FieldResolution, LedgerEvent } from '../schema/event.js';
import { FIELD_ORDER } from './fields.js';

/** One field of one event that the evidence could not settle. */
export interface OpenConflict {
  event: LedgerEvent;
  field: string;
  resolution: FieldResolution;
}

/** Names a conflict within a session; event ids hold while no article arrives. */
export const conflictKey = (conflict: { event: { id: string }; field: string }) =>
  `${conflict.event.id}.${conflict.field}`;

const fieldRank = (field: string) => {
  const rank = FIELD_ORDER.indexOf(field);
  return rank < 0 ? FIELD_ORDER.length : rank;
};

/** Open conflicts in ledger order (events as allEvents sorts them), fields in record order. */
export function openConflicts(events: LedgerEvent[]): OpenConflict[] {
  return events.flatMap((event) =>
    Object.entries(event.fields)
      .filter(([, resolution]) => resolution.state === 'open')
      .sort(([a], [b]) => fieldRank(a) - fieldRank(b))
      .map(([field, resolution]) => ({ event, field, resolution })),
  );
}

/** How far review has come: fields settled by a person, and fields still waiting for one. */
export function reviewCounts(events: LedgerEvent[]): { reviewed: number; open: number } {
  let reviewed = 0;
  let open = 0;
  for (const event of events) {
    for (const resolution of Object.values(event.fields)) {
      if (resolution.state === 'reviewed') reviewed++;
      else if (resolution.state === 'open') open++;
    }
  }
  return { reviewed, open };
}
