/**
 * Code-unit order, as sort() orders strings without a comparator: the same on every machine
 * (localeCompare follows the locale, and is slow), and without sort()'s conversion of each item.
 */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
