// A lab that cannot have its tutorial subnet moves to a free /24: every address in its pack moves with it.

/** Rewrites every address of one /24 into another /24, keeping the host octet (10.0.0.5 -> 10.213.4.5). */
export function makeRemapper(from: string, to: string): (text: string) => string {
  if (from === to) return (text) => text;
  const fromPrefix = from.replace(/\.0\/24$/, '');
  const toPrefix = to.replace(/\.0\/24$/, '');
  const pattern = new RegExp(`(?<![\\d.])${fromPrefix.replace(/\./g, '\\.')}\\.(\\d{1,3})(?![\\d])`, 'g');
  return (text) => text.replace(pattern, (_all, host: string) => `${toPrefix}.${host}`);
}

/** Applies a string rewrite to every string inside a JSON-like value. */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}
