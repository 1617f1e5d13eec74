// Small numeric helpers shared by the benchmark's sections.

/** A figure's spread over its runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** Min, median (the lower middle for an even count, so it is always a measured value) and max. */
export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: s[Math.floor((s.length - 1) / 2)] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
}

export function round(x: number, digits = 3): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

/** The spread with every value rounded, for printing. */
export function roundSpread(s: Spread, digits = 1): Spread {
  return { min: round(s.min, digits), median: round(s.median, digits), max: round(s.max, digits), n: s.n };
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
