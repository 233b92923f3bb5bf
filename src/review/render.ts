import { formatNumber } from '../reconcile/candidates.js';
import type { LedgerEvent } from '../schema/event.js';
import type { Excerpt } from './evidence.js';
import { NUMERIC_FIELDS } from './fields.js';
import { sanitize, type Style } from './style.js';
import type { ConflictView } from './view.js';

/** The event on one line: company, action, quantity (or, value-only, the value), asset, date. */
export function eventLine(event: LedgerEvent): string {
  const company = `${event.company}${event.ticker ? ` (${event.ticker})` : ''}`;
  const date = event.date ? `${event.date}${event.dateEnd ? `..${event.dateEnd}` : ''}` : 'no date';
  const amount =
    event.quantity !== null
      ? `${formatNumber(event.quantity)} ${event.asset}`
      : `${event.totalUsd !== null ? `${formatMoney(event.totalUsd)} of ` : ''}${event.asset} (value only)`;
  return sanitize(`${company} · ${event.action} · ${amount} · ${date}`);
}

const MONEY_SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/**
 * Money as reports write it: 250000000 -> "$250 million", 40500000 -> "$40.5 million"; a figure
 * the words would round keeps its digits ("$17,512,400"); other currencies by code ("JPY 10.5 billion").
 */
export function formatMoney(amount: number, currency = 'USD'): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  for (const [scale, word] of MONEY_SCALES) {
    if (Math.abs(amount) < scale) continue;
    const scaled = Math.round((amount / scale) * 1000) / 1000;
    if (Math.abs(scaled * scale - amount) < 1e-6 * scale) return `${sign}${scaled} ${word}`;
    break;
  }
  return `${sign}${formatNumber(Math.round(amount * 100) / 100)}`;
}

/** Numbers are easier to compare with thousands separators; hedged labels keep their bounds. */
export function displayValue(field: string, value: string | null): string {
  if (value === null || value === '') return '(none)';
  return NUMERIC_FIELDS.has(field) && /^\d+(\.\d+)?$/.test(value) ? formatNumber(Number(value)) : value;
}

export function renderExcerpt(excerpt: Excerpt, style: Style): string {
  let out = '';
  let at = 0;
  for (const [start, end] of excerpt.marks) {
    out += sanitize(excerpt.text.slice(at, start)) + style.mark(sanitize(excerpt.text.slice(start, end)));
    at = end;
  }
  out += sanitize(excerpt.text.slice(at));
  return `"${excerpt.clippedStart ? '…' : ''}${out.trim()}${excerpt.clippedEnd ? '…' : ''}"`;
}

/** One conflict as the reviewer sees it: what is in dispute, each candidate with its evidence, the suggestion. */
export function renderConflict(view: ConflictView, style: Style): string {
  const { event, field, resolution } = view.conflict;
  const lines: string[] = [];
  lines.push('', style.dim(`── conflict ${view.position}/${view.total} ${'─'.repeat(40)}`));
  lines.push(`${style.bold(eventLine(event))}  ${style.dim(`event ${event.id}`)}`);
  lines.push(
    `${style.bold(field)} is in dispute; the ledger holds ${displayValue(field, resolution.value)} for now`,
    '',
  );
  view.candidates.forEach((candidate, index) => {
    lines.push(
      `  ${style.bold(`${index + 1})`)} ` +
        `${style.bold(displayValue(field, candidate.label))}${candidate.note ? style.dim(`  (${candidate.note})`) : ''}`,
    );
    for (const report of candidate.reports) {
      lines.push(
        `       ${sanitize(report.source)}${report.published ? `, published ${report.published}` : ''} ` +
          `${style.dim(`[${report.kind}]`)}`,
      );
      if (report.excerpt) lines.push(`         ${renderExcerpt(report.excerpt, style)}`);
    }
    if (candidate.moreReports) lines.push(style.dim(`       and ${candidate.moreReports} more report(s)`));
  });
  lines.push('');
  if (resolution.suggestion !== null) {
    lines.push(
      `  suggestion: ${style.bold(displayValue(field, resolution.suggestion))} ` +
        `${style.dim(`(confidence ${resolution.confidence})`)} because ${sanitize(resolution.reason)}`,
    );
  } else lines.push(`  no suggestion: ${sanitize(resolution.reason)}`);
  if (view.earlier) {
    const earlier = view.earlier;
    lines.push(
      `  earlier decision: ${style.bold(displayValue(field, earlier.value))} by ${sanitize(earlier.reviewer)} ` +
        `on ${earlier.decidedAt.slice(0, 10)}${earlier.note ? ` ("${sanitize(earlier.note)}")` : ''}; ` +
        'new evidence against your decision arrived since, and the decision stays in force until you decide again',
    );
  }
  return `${lines.join('\n')}\n`;
}
