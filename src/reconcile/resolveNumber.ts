import type { FieldResolution } from '../schema/event.js';
import { boundsAdmit, formatNumber, plain, toCandidate, type ValueGroup } from './candidates.js';
import { lastDigitUnit, nearSlack } from './compatible.js';

export interface NumberResolution {
  value: number | null;
  resolution: FieldResolution;
}

const SOURCE_NAMES = ['a related headline', 'the press', 'the press', "the company's own statement"];
const near = (a: number, b: number) => Math.abs(a - b) <= nearSlack(a, b);

/**
 * Settles a numeric field: an identity first (before - sold = after), then exact over hedged,
 * the company's own word over the press, more independent origins over fewer. What is left
 * undecided is open, with a suggestion.
 */
export function resolveNumber(
  exact: ValueGroup[],
  hedged: ValueGroup[],
  identity: { value: number; why: string } | null,
  options: { farApartStaysOpen?: boolean } = {},
): NumberResolution {
  const candidates = [
    ...exact.map((g) => toCandidate(g)),
    ...hedged.map((g) => toCandidate(g, 'hedged: a bound, not a figure')),
  ];
  if (exact.length === 0 && hedged.length === 0) {
    return {
      value: null,
      resolution: {
        value: null,
        confidence: 0,
        reason: 'not stated',
        candidates: [],
        state: 'agreed',
        suggestion: null,
      },
    };
  }
  const hedgeNote = hedged.length
    ? `; hedged figures (${hedged.map((g) => `~${formatNumber(g.interval.value)}`).join(', ')}) are bounds that admit it`
    : '';

  if (
    identity &&
    (exact.some((g) => near(g.interval.value, identity.value)) || exact.length === 0 || exact.length > 1) &&
    boundsAdmit(hedged, identity.value)
  ) {
    const others = exact.filter((g) => g.interval.value !== identity.value);
    const offBy = others
      .map(
        (g) =>
          `${formatNumber(g.interval.value)} is off by ${formatNumber(Math.abs(g.interval.value - identity.value))}`,
      )
      .join('; ');
    return settled(
      identity.value,
      0.95,
      `${identity.why}${offBy ? `; ${offBy}` : ''}${hedgeNote}`,
      candidates,
      exact.length + hedged.length > 1,
    );
  }

  if (exact.length === 1) {
    const only = exact[0];
    const admitted = boundsAdmit(hedged, only.interval.value);
    if (admitted)
      return settled(
        only.interval.value,
        hedged.length ? 0.85 : 0.8,
        `stated exactly by ${only.origins} source${only.origins > 1 ? 's' : ''}${hedgeNote}`,
        candidates,
        hedged.length > 0,
      );
    return openResolution(
      only.interval.value,
      `exact ${formatNumber(only.interval.value)} falls outside a hedged figure`,
      candidates,
    );
  }
  if (exact.length === 0) {
    // Only bounds: the tightest one speaks; its stated number is the value.
    const tightest = [...hedged].sort(
      (a, b) => a.interval.high - a.interval.low - (b.interval.high - b.interval.low),
    )[0];
    const consistent = hedged.every(
      (g) => g.interval.low <= tightest.interval.high && tightest.interval.low <= g.interval.high,
    );
    if (consistent)
      return settled(
        tightest.interval.value,
        0.6,
        `only hedged figures; the tightest is ~${formatNumber(tightest.interval.value)}`,
        candidates,
        hedged.length > 1,
      );
    return openResolution(tightest.interval.value, 'hedged figures that do not overlap', candidates);
  }

  // "108.7 BTC" in a headline and "108.786 BTC" in the body: one figure and its rounding (or
  // truncation) to fewer digits. The figure written to more digits is the one stated in full.
  const precise = [...exact].sort((a, b) => lastDigitUnit(a.interval.value) - lastDigitUnit(b.interval.value))[0];
  if (
    exact.every((g) => g === precise || roundingOf(precise.interval.value, g.interval.value)) &&
    boundsAdmit(hedged, precise.interval.value)
  ) {
    const rounded = exact
      .filter((g) => g !== precise)
      .map((g) => formatNumber(g.interval.value))
      .join(', ');
    return settled(
      precise.interval.value,
      0.85,
      `${formatNumber(precise.interval.value)} is stated to more digits; ${rounded} ${exact.length > 2 ? 'are its roundings' : 'is its rounding'}${hedgeNote}`,
      candidates,
      true,
    );
  }

  const allNear = exact.every((g) => near(g.interval.value, exact[0].interval.value));
  const ranked = [...exact].sort(
    (a, b) =>
      b.bestRank - a.bestRank ||
      b.origins - a.origins ||
      b.mentions.length - a.mentions.length ||
      a.interval.value - b.interval.value,
  );
  const [first, second] = ranked;
  if (first.bestRank > second.bestRank && boundsAdmit(hedged, first.interval.value)) {
    return settled(
      first.interval.value,
      0.85,
      `${SOURCE_NAMES[first.bestRank]} beats ${SOURCE_NAMES[second.bestRank]} (${formatNumber(second.interval.value)})${hedgeNote}`,
      candidates,
      true,
    );
  }
  // Counts far apart (1,200 vs 1,500) in one transaction are a dispute a head count does not settle: suggested, not picked.
  if (
    first.origins > second.origins &&
    boundsAdmit(hedged, first.interval.value) &&
    !(options.farApartStaysOpen && !allNear)
  ) {
    return settled(
      first.interval.value,
      allNear ? 0.8 : 0.7,
      `${first.origins} independent sources say ${formatNumber(first.interval.value)}, ` +
        `${second.origins} say ${formatNumber(second.interval.value)}${allNear ? ' (a near-agreement)' : ''}${hedgeNote}`,
      candidates,
      true,
    );
  }
  if (first.origins > second.origins) {
    return openResolution(
      first.interval.value,
      `${ranked.map((g) => `${formatNumber(g.interval.value)} (${g.origins} source${g.origins > 1 ? 's' : ''})`).join(' vs ')}` +
        ': far apart, and no identity decides; suggested: the figure more independent sources give',
      candidates,
    );
  }
  return openResolution(
    first.interval.value,
    `${ranked.map((g) => formatNumber(g.interval.value)).join(' vs ')}: equal standing, no identity decides`,
    candidates,
  );
}

/** `rough` is `precise` written to fewer digits: within one unit of its own last digit. */
function roundingOf(precise: number, rough: number): boolean {
  const unit = lastDigitUnit(rough);
  return unit > lastDigitUnit(precise) && Math.abs(precise - rough) < unit;
}

function settled(
  value: number,
  confidence: number,
  reason: string,
  candidates: FieldResolution['candidates'],
  contested: boolean,
): NumberResolution {
  return {
    value,
    resolution: {
      value: plain(value),
      confidence,
      reason,
      candidates,
      state: contested ? 'settled' : 'agreed',
      suggestion: null,
    },
  };
}

/** A value left for review: the suggestion stands, with low confidence, until a person decides. */
export function openResolution(
  suggested: number,
  reason: string,
  candidates: FieldResolution['candidates'],
): NumberResolution {
  return {
    value: suggested,
    resolution: {
      value: plain(suggested),
      confidence: 0.4,
      reason,
      candidates,
      state: 'open',
      suggestion: plain(suggested),
    },
  };
}
