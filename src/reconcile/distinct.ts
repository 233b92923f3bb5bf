/**
 * The distinct strings a field takes over a few reports (sources, origins), in first-seen order:
 * what [...new Set(items.map(of))] gives, without a Set and two arrays per call. An event's
 * reports are few (four on average), and resolving an event asks this a dozen times; past SMALL a
 * Set keeps long lists linear.
 */
const SMALL = 16;

export function distinctOf<T>(items: readonly T[], of: (item: T) => string): string[] {
  if (items.length > SMALL) return [...new Set(items.map(of))];
  const values: string[] = [];
  next: for (const item of items) {
    const value = of(item);
    // A loop, not values.includes: the builtin's call costs more than these few comparisons.
    for (let index = 0; index < values.length; index++) if (values[index] === value) continue next;
    values.push(value);
  }
  return values;
}

/** How many distinct values of a field the reports give: new Set(items.map(of)).size. */
export function countDistinct<T>(items: readonly T[], of: (item: T) => string): number {
  if (items.length === 1) return 1;
  return distinctOf(items, of).length;
}
