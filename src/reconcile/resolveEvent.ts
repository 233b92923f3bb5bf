import * as crypto from 'node:crypto';
import type { FieldResolution, LedgerEvent } from '../schema/event.js';
import type { Interval, Purpose, Status, TransactionMention } from '../schema/mention.js';
import { formatNumber, groupValues, plain } from './candidates.js';
import { compareText } from '../compareText.js';
import { blockKey } from '../schema/block.js';
import { dateRange } from './compatible.js';
import { countDistinct, distinctOf } from './distinct.js';
import { checkTotal, productIdentity, quantityFromTrail } from './identities.js';
import { resolveNumber } from './resolveNumber.js';

// A date the page gives only by its own day ranks last: the transaction was done by then, not then.
const KIND_RANK = { executed: 3, announced: 2, context: 1, published: 0 } as const;
const PRECISION_RANK = (date: string) => (date.length === 10 ? 3 : date.length === 7 ? 2 : 1);
const STATUS_RANK: Record<Status, number> = { confirmed: 3, reported: 2, unconfirmed: 1 };
type Counted = TransactionMention & { quantity: Interval };

/** Stable across runs and arrival orders: the block and the smallest mention key. */
export function eventId(members: TransactionMention[]): string {
  let founder = members[0].key;
  for (const member of members) if (member.key < founder) founder = member.key;
  return sha256Hex(`${blockKey(members[0])}|${founder}`).slice(0, 12);
}

/** crypto.hash (Node >= 20.12) hashes a string in one call, without a Hash object per event; the same digest. */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) =>
        (crypto as unknown as { hash: (algorithm: string, data: string, encoding: 'hex') => string }).hash(
          'sha256',
          text,
          'hex',
        )
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** One cluster of mentions -> one event, every field with its value, confidence and reason. */
export function resolveEvent(members: TransactionMention[], notes: string[] = []): LedgerEvent {
  const first = members[0];
  const fields: Record<string, FieldResolution> = {};

  // Value-only reports state no count: they neither back nor contradict one. q is null only when no report counts.
  const counted = members.filter((m): m is Counted => m.quantity !== null);
  const quantityGroups = groupValues(counted, (m) => m.quantity);
  const beforeGroups = groupValues(members, (m) => m.holdingsBefore);
  const afterGroups = groupValues(members, (m) => m.holdingsAfter);
  const sign = first.action === 'sell' ? -1 : first.action === 'transfer' ? 0 : 1;
  const quantity = resolveNumber(
    quantityGroups.exact,
    quantityGroups.hedged,
    quantityFromTrail(sign, quantityGroups.exact.length, beforeGroups, afterGroups),
    { farApartStaysOpen: true },
  );
  fields.quantity =
    counted.length > 0
      ? quantity.resolution
      : { ...quantity.resolution, reason: 'not stated: every report gives only the value' };
  // Why reports with another count were taken as this transaction, or kept apart from a neighbour: the evidence, weighed.
  const joined = notes.filter((note) => !note.startsWith('kept apart'));
  const apart = notes.filter((note) => note.startsWith('kept apart'));
  if (notes.length > 0 && counted.length > 0)
    fields.quantity = {
      ...fields.quantity,
      reason: [fields.quantity.reason, joined.length ? `taken as one transaction: ${joined.join('; ')}` : '', ...apart]
        .filter(Boolean)
        .join('; '),
    };
  const q = quantity.value;
  const [low, high] = quantityBounds(counted);
  const qHedged = fields.quantity.candidates.some((c) => c.bounds !== undefined);

  const unitGroups = groupValues(members, (m) => m.unitPriceUsd);
  const totalGroups = groupValues(members, (m) => m.totalUsd);
  const unit = resolveNumber(unitGroups.exact, unitGroups.hedged, null);
  fields.unit_price_usd = unit.resolution;
  const product =
    q !== null && !qHedged && unit.value !== null && unitGroups.exact.length > 0
      ? productIdentity(q, unit.value)
      : null;
  const totalIdentity = product && totalGroups.exact.length > 1 ? product : null;
  const total = checkTotal(resolveNumber(totalGroups.exact, totalGroups.hedged, totalIdentity), product, totalGroups);
  fields.total_usd = total.resolution;

  const before = resolveNumber(beforeGroups.exact, beforeGroups.hedged, null);
  const afterIdentity =
    sign !== 0 && q !== null && before.value !== null && !qHedged && beforeGroups.exact.length > 0
      ? {
          value: before.value + sign * q,
          why:
            `${formatNumber(before.value)} ${sign < 0 ? '-' : '+'} ${formatNumber(q)} = ` +
            `${formatNumber(before.value + sign * q)} (holdings before ${sign < 0 ? '-' : '+'} quantity)`,
        }
      : null;
  const after = resolveNumber(afterGroups.exact, afterGroups.hedged, afterIdentity);
  fields.holdings_before = before.resolution;
  fields.holdings_after = after.resolution;

  const date = resolveDate(members);
  fields.date = date.resolution;

  // A handful of purposes exist: a list finds the distinct ones faster than a Set.
  const purposes: Purpose[] = [];
  for (const member of members)
    for (const purpose of member.purpose) if (!purposes.includes(purpose)) purposes.push(purpose);
  purposes.sort(compareText);
  fields.purpose = {
    value: purposes.join(';') || null,
    confidence: purposes.length ? 0.7 : 0,
    reason: purposes.length ? 'every purpose any report states, joined' : 'not stated',
    candidates: [],
    state: 'agreed',
    suggestion: null,
  };

  // The strongest status any report gives (the first such report, as a stable sort by rank would put first).
  let status = first.status;
  for (const member of members) if (STATUS_RANK[member.status] > STATUS_RANK[status]) status = member.status;
  fields.status = {
    value: status,
    confidence: 0.8,
    reason:
      status === 'confirmed'
        ? 'at least one report says the company stated or filed it'
        : status === 'reported'
          ? 'reported by the press; no company statement found'
          : 'inferred (e.g. coins moved on-chain); nobody confirmed a transaction',
    candidates: [],
    state: 'agreed',
    suggestion: null,
  };

  const origins = countDistinct(members, (m) => m.origin);
  let open = 0;
  for (const name in fields) if (fields[name].state === 'open') open++;
  const meanConfidence = members.reduce((sum, m) => sum + m.confidence, 0) / members.length;
  const confidence = Math.max(0.05, Math.min(0.99, meanConfidence + 0.05 * Math.min(origins - 1, 4) - 0.15 * open));

  return {
    id: eventId(members),
    blockKey: blockKey(first),
    company: first.company,
    ticker: members.find((m) => m.ticker)?.ticker ?? null,
    asset: first.asset,
    action: first.action,
    quantity: q,
    quantityLow: q === null ? null : low <= high ? low : q,
    quantityHigh: q === null ? null : low <= high ? high : q,
    unitPriceUsd: unit.value,
    totalUsd: total.value,
    purpose: purposes,
    date: date.date,
    dateEnd: date.dateEnd,
    holdingsBefore: before.value,
    holdingsAfter: after.value,
    status,
    confidence: Math.round(confidence * 100) / 100,
    mentionKeys: members.map((m) => m.key).sort(compareText),
    sources: distinctOf(members, (m) => m.source).sort(compareText),
    sourceCount: origins,
    fields,
    // An event a person merged or split off is one they looked at.
    reviewState: open > 0 ? 'open' : notes.some((note) => note.includes(' in review (decision ')) ? 'reviewed' : 'auto',
  };
}

/** The interval every counted report admits: the highest low and the lowest high (crossed when they disagree). */
function quantityBounds(counted: Counted[]): [number, number] {
  let low = -Infinity;
  let high = Infinity;
  for (const { quantity } of counted) {
    low = Math.max(low, quantity.low);
    high = Math.min(high, quantity.high);
  }
  return [low, high];
}

/** What the chosen date is, in the reason a date field gives. */
const DATE_KIND_WORDS = {
  executed: 'execution date',
  announced: 'announcement date (no execution date stated)',
  published: "the page's publication day (no date stated)",
  context: "the section's year",
} as const;

/**
 * The page's own dates before related headlines'; then execution beats disclosure; among dates
 * of one kind the finer precision wins. A coarser date
 * that contains the chosen one agrees with it; a date of the same kind outside the window is a conflict.
 */
function resolveDate(members: TransactionMention[]) {
  const dated = members.filter((m) => m.date);
  const label = (m: TransactionMention) => `${m.date}${m.dateEnd ? `..${m.dateEnd}` : ''} (${m.dateKind ?? 'stated'})`;
  // One candidate per date and kind: the same day executed and announced are two.
  const candidates = groupBy(dated, label).map(([, group]) => ({
    value: group[0].dateEnd ? `${group[0].date}..${group[0].dateEnd}` : group[0].date!,
    mentionKeys: group.map((m) => m.key),
    sources: distinctOf(group, (m) => m.source),
    origins: countDistinct(group, (m) => m.origin),
    dateKind: group[0].dateKind ?? 'stated',
  }));
  if (dated.length === 0)
    return {
      date: null,
      dateEnd: null,
      resolution: {
        value: null,
        confidence: 0,
        reason: 'not stated',
        candidates: [],
        state: 'agreed' as const,
        suggestion: null,
      },
    };
  // A related headline dates its own story: any date the page itself gives comes first.
  const related = (m: TransactionMention) => Number(m.zone === 'related');
  // Of pages' own days, the earliest: the transaction was done by then.
  const publishedFirst = (a: TransactionMention, b: TransactionMention) =>
    a.dateKind === 'published' && b.dateKind === 'published' ? compareText(a.date!, b.date!) : 0;
  const precedence = (a: TransactionMention, b: TransactionMention) =>
    related(a) - related(b) ||
    KIND_RANK[b.dateKind ?? 'context'] - KIND_RANK[a.dateKind ?? 'context'] ||
    PRECISION_RANK(b.date!) - PRECISION_RANK(a.date!) ||
    publishedFirst(a, b) ||
    b.sourceRank - a.sourceRank ||
    compareText(a.key, b.key);
  // The first by precedence (keys differ, so the order is total): one pass, not a sort of every report.
  let best = dated[0];
  for (const m of dated) if (precedence(m, best) < 0) best = m;
  const [bestFirst, bestLast] = dateRange(best.date!, best.dateEnd);
  // Pages' own days never clash: each is only when that page had it by.
  const clash = dated.filter(
    (m) =>
      best.dateKind !== 'published' &&
      m.dateKind === best.dateKind &&
      PRECISION_RANK(m.date!) === PRECISION_RANK(best.date!) &&
      (() => {
        const [first, last] = dateRange(m.date!, m.dateEnd);
        return first > bestLast || last < bestFirst;
      })(),
  );
  clash.sort(precedence);
  const contested = candidates.length > 1;
  const reason =
    DATE_KIND_WORDS[best.dateKind ?? 'context'] +
    (dated.some((m) => m.dateKind !== best.dateKind) && best.dateKind === 'executed' ? ' beats disclosure dates' : '') +
    (contested ? '; the others agree with it or are coarser' : '');
  const value = best.dateEnd ? `${best.date}..${best.dateEnd}` : best.date!;
  if (clash.length > 0) {
    return {
      date: best.date,
      dateEnd: best.dateEnd,
      resolution: {
        value,
        confidence: 0.4,
        reason: `${best.dateKind} dates disagree: ${[best, ...clash].map(label).join(' vs ')}`,
        candidates,
        state: 'open' as const,
        suggestion: value,
      },
    };
  }
  return {
    date: best.date,
    dateEnd: best.dateEnd,
    resolution: {
      value,
      confidence: best.dateKind === 'executed' ? 0.85 : 0.7,
      reason,
      candidates,
      state: contested ? ('settled' as const) : ('agreed' as const),
      suggestion: null,
    },
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return [...groups.entries()];
}

export { plain };
