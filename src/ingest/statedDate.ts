/**
 * Publication dates a user states (`paste --published`). A stated date is a reference every relative phrase of
 * the page is read against, so it is checked strictly: ISO, and a day the calendar has
 * ("2026-02-30" is refused, not stored as given).
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why `text` is not a publication date, or null when it is one (YYYY-MM-DD, a real day). */
export function badDateReason(text: string): string | null {
  const match = ISO_DAY.exec(text.trim());
  if (!match) return 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return `the year ${year} is out of range (1900-2999)`;
  if (month < 1 || month > 12) return `there is no month ${match[2]} (months run 01-12)`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${MONTH_NAMES[month - 1]} ${year} has no day ${match[3]} (it has ${days} days)`;
  return null;
}

/** The date as stored (YYYY-MM-DD), or null when it is not a real day. */
export function parseIsoDay(text: string): string | null {
  return badDateReason(text) === null ? text.trim() : null;
}
