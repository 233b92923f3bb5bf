/**
 * The first index whose item is not `before` (a binary search): items must be ordered so that
 * every item `before` holds for comes first. Equals how many items `before` holds for.
 */
export function lowerBound<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
