// Small numeric helpers shared by the benchmark's sections.

/** A figure's spread over its runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** The value below which `p` (0..1) of the samples fall, taking the nearest lower rank: always a measured value. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * p)] ?? NaN;
}

/** Min, median (the lower middle for an even count, so it is always a measured value) and max. */
export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: percentile(s, 0.5), max: s[s.length - 1] ?? NaN, n: s.length };
}

export function round(x: number, digits = 3): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

/** The spread with every value rounded, for printing. */
export function roundSpread(s: Spread, digits = 1): Spread {
  return { min: round(s.min, digits), median: round(s.median, digits), max: round(s.max, digits), n: s.n };
}

/** The spread of xs, rounded for printing. */
export const spreadOf = (xs: readonly number[], digits = 1): Spread => roundSpread(spread(xs), digits);

/** A headline figure (the median, rounded) and its rounded spread, under `key` and `key_spread`. */
export function figure(key: string, xs: readonly number[], digits = 1): Record<string, unknown> {
  const s = spreadOf(xs, digits);
  return { [key]: s.median, [`${key}_spread`]: s };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `ready` every `everyMs` until it returns true; throws `what` after `timeoutMs`. Bounded in time and count. */
export async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const maxPolls = Math.ceil(timeoutMs / everyMs) + 1;
  for (let i = 0; i < maxPolls && Date.now() < deadline; i++) {
    if (await ready()) return performance.now() - started;
    await sleep(everyMs);
  }
  throw new Error(`${what} not reached within ${(timeoutMs / 1000).toFixed(0)} s`);
}
