// Frames for the API fuzzer (apiFrameFuzz.test.ts), from a seeded PRNG: random and mutated requests, bad
// JSON, huge strings, deep nesting, wrong types, prototype keys, unknown methods, binary and fragmented
// frames. Each frame says what the host must do with it, mirroring wsApi.ts's parseRequest.
import { methods, type MethodName } from '../../common/contract.js';
import { prng } from './prng.js';

export type Expect =
  /** A reply carrying this id (a result, or an error with a known code). */
  | { reply: string | number }
  /** A protocol error with id null. */
  | { protocolError: true }
  /** The host closes the socket with this code (an oversized frame). */
  | { close: number };

export interface Frame {
  kind: string;
  data: string | Buffer;
  binary?: boolean;
  /** Sent in this many fragments (continuation frames). */
  fragments?: number;
  expect: Expect;
}

/** Methods never sent with input that could pass: image.build would start a real image build. */
const NEVER_VALID: readonly MethodName[] = ['image.build'];
/** Lab ids: real packs for reading, a missing one for everything that acts. */
const READ_ONLY = new Set<MethodName>(['labs.list', 'labs.get', 'topology.get', 'mail.list', 'files.read', 'progress.report', 'system.status']);
const REAL_LABS = ['vrrp-pair', 'nginx-warmup', 'full-design'];
const HOSTILE_STRINGS = ['', '../../etc/passwd', '/../etc/shadow', '/..', '/etc/../../x', '\u0000', '__proto__', 'constructor', 'prototype', 't0', '%2e%2e', '\\..\\', 'a'.repeat(300), '💥', '\u202e'];
const HOSTILE_NUMBERS = [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 99, 100];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Input nested this deep, as JSON text. */
class DeepInput {
  constructor(readonly depth: number) {}
}

export function frameSource(seed: number): () => Frame {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const methodNames = Object.keys(methods) as MethodName[];
  let nextId = 1;

  /** Input that passes the method's schema, or comes close (the same keys, plausible values). */
  const plausibleInput = (m: MethodName): Record<string, unknown> => {
    const lab = READ_ONLY.has(m) && rand() < 0.7 ? pick(REAL_LABS) : 'fuzz-missing-lab';
    const all: Record<string, unknown> = {
      lab,
      node: pick(['lb01', 'lb02', 'web01', 'client', 'nobody']),
      path: pick(['/etc/keepalived/keepalived.conf', '/etc/nginx/nginx.conf', '/tmp/x', '/etc/hosts']),
      content: 'x',
      step: int(3),
      on: rand() < 0.5,
      fault: 'kill_node',
      format: pick(['json', 'html']),
      lang: pick(['en', 'zh-CN']),
      id: `t${int(1000).toString(36)}`,
      data: 'ls\n',
      chars: int(100),
      cols: 80,
      rows: 24,
    };
    const shape = methods[m].shape as Record<string, unknown>;
    return Object.fromEntries(Object.keys(shape).map((k) => [k, all[k]]));
  };

  /** Breaks a plausible input in one of many ways. */
  const mutate = (input: Record<string, unknown>): unknown => {
    const keys = Object.keys(input);
    const key = keys.length ? pick(keys) : 'x';
    switch (int(9)) {
      case 0:
        return { ...input, [key]: pick(HOSTILE_STRINGS) };
      case 1:
        return { ...input, [key]: pick(HOSTILE_NUMBERS) };
      case 2:
        return { ...input, [key]: pick([null, true, [], {}, [1, 2], { a: 1 }]) };
      case 3:
        return JSON.parse(`{"${pick(PROTO_KEYS)}": {"polluted": true}, "lab": "vrrp-pair"}`) as unknown;
      case 4:
        return { ...input, extra: 1 };
      case 5:
        return pick(['string', 42, [input], null, true]);
      case 6:
        return Object.fromEntries(Object.entries(input).filter(([k]) => k !== key));
      case 7:
        return { ...input, [key]: 'y'.repeat(1024 * (1 + int(1500))) };
      default:
        return new DeepInput(1000 + int(100_000));
    }
  };

  const call = (method: unknown, input: unknown, kind: string): Frame => {
    const id = rand() < 0.2 ? `s${nextId++}` : nextId++;
    // Written as text: building the object would take the fuzzer's own stack as deep as the host's.
    const data =
      input instanceof DeepInput
        ? `{"id":${JSON.stringify(id)},"method":${JSON.stringify(method)},"input":{"lab":${'['.repeat(input.depth)}${']'.repeat(input.depth)}}}`
        : JSON.stringify({ id, method, input });
    return { kind: input instanceof DeepInput ? `deeply nested ${String(method)}` : kind, data, expect: { reply: id } };
  };
  const protocol = (kind: string, data: string | Buffer, binary = false): Frame => ({ kind, data, binary, expect: { protocolError: true } });

  const makers: (() => Frame)[] = [
    () => {
      const m = pick(methodNames.filter((x) => !NEVER_VALID.includes(x)));
      return call(m, plausibleInput(m), `plausible ${m}`);
    },
    () => {
      const m = pick(methodNames);
      return call(m, mutate(plausibleInput(m)), `mutated ${m}`);
    },
    () => call(pick([...PROTO_KEYS, 'shell.exec', 'labs', 'labs.list ', 'LABS.LIST', 'x'.repeat(100_000), '']), {}, 'unknown method'),
    () => call(pick([42, null, ['labs.list'], { m: 1 }, true]), {}, 'method of a wrong type'),
    () => protocol('bad JSON', pick(['{', '{"id":1,', 'nul', '[1,2', '{"id":1 "method":"labs.list"}', '\u0000', '']) + 'x'.repeat(int(3))),
    () => protocol('not an object', pick(['[]', 'null', '1', '"labs.list"', 'true', '[{"id":1,"method":"labs.list"}]'])),
    () => protocol('bad id', JSON.stringify({ id: pick([null, 1.5, -0.5, 'x'.repeat(65), '', {}, [], 2 ** 60, true]), method: 'labs.list', input: {} })),
    () => protocol('no id', JSON.stringify({ method: 'labs.list', input: {}, __proto__: { id: 1 } })),
    () => protocol('binary', Buffer.from(Array.from({ length: 1 + int(256) }, () => int(256))), true),
    () => ({ ...call('labs.get', { lab: pick(REAL_LABS) }, 'fragmented'), fragments: 2 + int(6) }),
    () => ({ kind: 'oversized', data: JSON.stringify({ id: nextId++, method: 'labs.list', input: { pad: 'z'.repeat(2 * 1024 * 1024) } }), expect: { close: 1009 } }),
  ];
  // Oversized frames cost a reconnect each: rarer than the rest.
  const weights = [6, 10, 2, 1, 2, 1, 2, 1, 2, 2, 0.2];
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rand() * total;
    for (let i = 0; i < makers.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return (makers[i] as () => Frame)();
    }
    return (makers[0] as () => Frame)();
  };
}
