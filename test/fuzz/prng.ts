// The fuzzers' random numbers: seeded, so a failing run can be replayed from the seed it prints.
export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
