/** The arithmetic mean of `values` (NaN when empty). */
export function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return values.length === 0 ? Number.NaN : total / values.length;
}

/** The middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The population standard deviation. */
export function standardDeviation(values: readonly number[]): number {
  const average = mean(values);
  const squaredDifferences = values.map((value) => (value - average) ** 2);
  return Math.sqrt(mean(squaredDifferences));
}
