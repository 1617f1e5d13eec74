// Summaries of repeated measurements: the spread every benchmark figure is reported with.

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The value below which `p` (0..1) of the samples fall, taking the nearest lower rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * p)] ?? NaN;
}

export function spreadOf(xs: readonly number[], digits = 1): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return {
    min: round(s[0] ?? NaN, digits),
    median: round(percentile(s, 0.5), digits),
    max: round(s[s.length - 1] ?? NaN, digits),
    n: s.length,
  };
}

/** A headline figure (the median) and its spread, under `key` and `key_spread`. */
export function figure(key: string, xs: readonly number[], digits = 1): Record<string, unknown> {
  const s = spreadOf(xs, digits);
  return { [key]: s.median, [`${key}_spread`]: s };
}
