// The dispatcher is the API's only door: every malformed call must be refused before a handler runs, and
// every failure must come back as an ApiError (data), with stacks kept out of what crosses the transport.
import { describe, expect, it, vi } from 'vitest';
import { methods, type MethodName } from '../../common/contract.js';
import type { Handlers } from '../../electron/api/handlerTypes.js';
import { broadcast, createDispatcher, createSession, openSessions, type DispatchResult } from '../../electron/api/dispatch.js';
import { classroomHandlers } from '../../electron/classroom/classHandlers.js';
import type { Classroom } from '../../electron/classroom/classroom.js';
import type { ClassHub } from '../../electron/classroom/classHub.js';
import type { ClassLoad } from '../../electron/classroom/classLoad.js';
import { allHandlers } from '../../electron/api/handlers/index.js';
import { UserError } from '../../electron/util/errors.js';

/** One valid input per method. `satisfies` makes a new method in the contract fail this file until it is listed. */
const VALID = {
  'system.status': {},
  'image.build': {},
  'labs.list': {},
  'labs.get': { lab: 'vrrp-pair' },
  'lab.up': { lab: 'vrrp-pair' },
  'lab.down': { lab: 'vrrp-pair' },
  'lab.reset': { lab: 'vrrp-pair' },
  'lab.startFrom': { lab: 'vrrp-pair', step: 2 },
  'checks.run': { lab: 'vrrp-pair', step: 0 },
  'faults.apply': { lab: 'vrrp-pair', fault: 'stop_service', node: 'lb01', service: 'keepalived' },
  'files.read': { lab: 'vrrp-pair', node: 'lb01', path: '/etc/keepalived/keepalived.conf' },
  'files.write': { lab: 'vrrp-pair', node: 'lb01', path: '/etc/keepalived/keepalived.conf', content: 'vrrp_instance VI_1 {}\n' },
  'files.validate': { lab: 'vrrp-pair', node: 'lb01', path: '/etc/nginx/conf.d/lb.conf' },
  'topology.get': { lab: 'vrrp-pair' },
  'topology.watch': { lab: 'vrrp-pair', on: true },
  'protocol.get': { lab: 'vrrp-pair' },
  'protocol.watch': { lab: 'vrrp-pair', on: true },
  'mail.list': { lab: 'vrrp-pair' },
  'progress.report': { format: 'html', lang: 'zh-CN' },
  'terminal.open': { lab: 'vrrp-pair', node: 'lb01', cols: 80, rows: 24 },
  'terminal.input': { id: 't1', data: 'ls\r' },
  'terminal.resize': { id: 't1', cols: 120, rows: 40 },
  'terminal.ack': { id: 't1', chars: 4096 },
  'terminal.close': { id: 't1' },
  'session.info': {},
  'class.grid': {},
  'class.watch': { on: true },
  'class.report': { format: 'csv', lang: 'zh-CN' },
  'class.message': { text: '10 分钟后讲第 3 步' },
  'class.resetLab': { learner: 'l07', lab: 'vrrp-pair' },
  'class.messages': {},
  'class.inspect': { learner: 'l07', lab: 'vrrp-pair', on: true },
  'class.watchTerminal': { learner: 'l07', lab: 'vrrp-pair', node: 'lb01' },
  'packdev.watch': { on: true },
  'packdev.selfTest': {},
} satisfies Record<MethodName, unknown>;

const METHODS = Object.keys(methods) as MethodName[];

/** A handler for every method that records its input: a refused call must never reach it. */
function recordingHandlers(): { handlers: Handlers; calls: { method: string; input: unknown }[] } {
  const calls: { method: string; input: unknown }[] = [];
  const handlers: Record<string, unknown> = {};
  for (const m of METHODS) {
    handlers[m] = (input: unknown) => {
      calls.push({ method: m, input });
      return Promise.resolve({ ok: true });
    };
  }
  return { handlers, calls };
}

function setup(): { run: (method: unknown, input: unknown) => Promise<DispatchResult>; calls: { method: string; input: unknown }[]; close: () => void } {
  const { handlers, calls } = recordingHandlers();
  const d = createDispatcher(handlers, () => undefined);
  const s = createSession(() => undefined);
  return {
    run: (method, input) => d.dispatch(method, input, s.ctx),
    calls,
    close: () => {
      s.close();
    },
  };
}

const errorOf = (r: DispatchResult): { code: string; message: string; fix?: string } => {
  if (!('error' in r)) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
};

/** A value of another JSON type than the given one. */
function wrongType(v: unknown): unknown[] {
  if (typeof v === 'string') return [42, true, null, ['x'], { s: v }];
  if (typeof v === 'number') return [String(v), true, null, [v], 1.5, -1, Number.MAX_SAFE_INTEGER];
  if (typeof v === 'boolean') return ['true', 1, null];
  return [null];
}

describe('dispatcher: input validation for every method of the contract', () => {
  it('lists a valid sample for every method, and each passes', async () => {
    expect(Object.keys(VALID).sort()).toEqual([...METHODS].sort());
    const t = setup();
    for (const m of METHODS) expect(await t.run(m, VALID[m]), m).toEqual({ result: { ok: true } });
    expect(t.calls.map((c) => c.method)).toEqual(METHODS);
    t.close();
  });

  it.each(METHODS)('%s: refuses wrong types, extra keys and non-objects, without calling the handler', async (m) => {
    const t = setup();
    const valid = VALID[m] as Record<string, unknown>;
    // JSON.parse makes "__proto__" an own key, as a frame from the socket would.
    const withProto: unknown = JSON.parse(JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true}' + (Object.keys(valid).length ? ',' : '')));
    const bad: unknown[] = [null, [], 'x', 7, true, { ...valid, extra: 1 }, withProto];
    for (const [key, value] of Object.entries(valid)) {
      for (const w of wrongType(value)) bad.push({ ...valid, [key]: w });
      const missing = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
      // Optional keys may be left out; required ones may not.
      if (!(m === 'faults.apply' && key === 'service')) bad.push(missing);
    }
    for (const input of bad) {
      const r = await t.run(m, input);
      expect(errorOf(r).code, `${m} ${JSON.stringify(input)}`).toBe('E_INPUT');
    }
    expect(t.calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    t.close();
  });

  it.each(['files.read', 'files.write', 'files.validate'] as const)('%s: refuses path traversal and anything but a plain absolute path', async (m) => {
    const t = setup();
    const paths = [
      '../etc/passwd',
      '/etc/../etc/shadow',
      '/etc/nginx/..',
      '/a/b/../../../root/.ssh/id_rsa',
      'etc/passwd',
      '',
      '/etc/passwd\0.conf',
      '/etc/pass wd',
      '/etc/%2e%2e/shadow',
      '\\etc\\passwd',
      '/etc/keepalived/keepalived.conf;rm -rf /',
      '/etc/$(id)',
      `/${'a'.repeat(600)}`,
    ];
    for (const path of paths) expect(errorOf(await t.run(m, { ...VALID[m], path })).code, path).toBe('E_INPUT');
    expect(t.calls).toEqual([]);
    t.close();
  });

  it('refuses names that could reach outside: labs, nodes and terminal ids', async () => {
    const t = setup();
    for (const lab of ['../x', 'Vrrp', '-x', 'a'.repeat(40), 'x/y', '', 'x y']) expect(errorOf(await t.run('lab.up', { lab })).code).toBe('E_INPUT');
    for (const node of ['../lb01', 'lb01;id', 'LB01', '']) expect(errorOf(await t.run('files.read', { ...VALID['files.read'], node })).code).toBe('E_INPUT');
    for (const id of ['t', 'x1', 't1;', `t${'1'.repeat(30)}`]) expect(errorOf(await t.run('terminal.close', { id })).code).toBe('E_INPUT');
    expect(errorOf(await t.run('faults.apply', { ...VALID['faults.apply'], fault: 'rm_rf' })).code).toBe('E_INPUT');
    expect(errorOf(await t.run('terminal.open', { ...VALID['terminal.open'], cols: 100_000 })).code).toBe('E_INPUT');
    expect(errorOf(await t.run('files.write', { ...VALID['files.write'], content: 'x'.repeat(1024 * 1024 + 1) })).code).toBe('E_INPUT');
    expect(t.calls).toEqual([]);
    t.close();
  });

  it('lists the zod issues in the message', async () => {
    const t = setup();
    const e = errorOf(await t.run('checks.run', { lab: 'x', step: 'one', more: 1 }));
    expect(e.message).toMatch(/^Invalid input for checks\.run: /);
    expect(e.message).toMatch(/step: /);
    expect(e.message).toMatch(/unknown key\(s\) "more"/);
    t.close();
  });

  it('names at most 10 unknown keys, each cut short, however many a hostile input has', async () => {
    const t = setup();
    const keys = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`${'k'.repeat(100)}${i}`, 1]));
    const e = errorOf(await t.run('labs.list', keys));
    expect(e.message).toMatch(/ and 79990 more$/);
    expect(e.message.length).toBeLessThan(1_000);
    t.close();
  });

  it('accepts a missing input for methods without parameters only', async () => {
    const t = setup();
    expect(await t.run('labs.list', undefined)).toEqual({ result: { ok: true } });
    expect(errorOf(await t.run('labs.get', undefined)).code).toBe('E_INPUT');
    t.close();
  });

  it('refuses unknown methods, including names inherited from Object', async () => {
    const t = setup();
    for (const m of ['nope', 'labs', 'labs.list ', '__proto__', 'toString', 'constructor', 'hasOwnProperty', 42, null, undefined, { method: 'labs.list' }]) {
      expect(errorOf(await t.run(m, {})).code, JSON.stringify(m) ?? 'undefined').toBe('E_METHOD');
    }
    expect(t.calls).toEqual([]);
    t.close();
  });

  it('says so when a contract method has no handler in this build', async () => {
    const d = createDispatcher({}, () => undefined);
    const s = createSession(() => undefined);
    expect(errorOf(await d.dispatch('labs.list', {}, s.ctx))).toMatchObject({ code: 'E_METHOD', message: expect.stringMatching(/not available/) as unknown });
    s.close();
  });
});

describe('dispatcher: failures become ApiErrors', () => {
  it('keeps a UserError as it is: message, fix and code', async () => {
    const d = createDispatcher({ 'labs.list': () => Promise.reject(new UserError('Docker is not reachable.', { fix: 'Start it.', code: 'E_DOCKER_UNREACHABLE' })) }, () => undefined);
    const s = createSession(() => undefined);
    expect(await d.dispatch('labs.list', {}, s.ctx)).toEqual({ error: { code: 'E_DOCKER_UNREACHABLE', message: 'Docker is not reachable.', fix: 'Start it.' } });
    s.close();
  });

  it('turns anything else into E_INTERNAL with a short message; the stack goes to the log only', async () => {
    const log = vi.fn();
    const err = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    const d = createDispatcher({ 'labs.list': () => Promise.reject(err) }, log);
    const s = createSession(() => undefined);
    const e = errorOf(await d.dispatch('labs.list', {}, s.ctx));
    expect(e.code).toBe('E_INTERNAL');
    expect(e.message).toBe("labs.list failed unexpectedly: Cannot read properties of undefined (reading 'x').");
    expect(e.message).not.toMatch(/at |second line/);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(err.stack ?? 'no stack'));
    s.close();
  });

  it('catches handlers that throw synchronously too', async () => {
    const d = createDispatcher(
      {
        'labs.list': () => {
          throw new Error('boom');
        },
      },
      () => undefined,
    );
    const s = createSession(() => undefined);
    expect(errorOf(await d.dispatch('labs.list', {}, s.ctx)).code).toBe('E_INTERNAL');
    s.close();
  });
});

describe('sessions', () => {
  it('run their cleanups once when they end, and emit nothing afterwards', () => {
    const emit = vi.fn();
    const s = createSession(emit);
    const order: string[] = [];
    s.ctx.onClose(() => order.push('first'));
    s.ctx.onClose(() => {
      order.push('second');
      throw new Error('a failing cleanup does not stop the others');
    });
    s.ctx.emit('lab.changed', { lab: 'x', running: true });
    s.close();
    s.close();
    s.ctx.emit('lab.changed', { lab: 'x', running: false });
    expect(order).toEqual(['second', 'first']);
    expect(emit).toHaveBeenCalledTimes(1);
    // Registered after the end: runs at once (the resource must not outlive its session).
    const late = vi.fn();
    s.ctx.onClose(late);
    expect(late).toHaveBeenCalledOnce();
  });

  it('broadcast reaches every open session and no closed one', () => {
    const before = openSessions();
    const a = vi.fn();
    const b = vi.fn();
    const sa = createSession(a);
    const sb = createSession(b);
    expect(openSessions()).toBe(before + 2);
    sb.close();
    broadcast('docker.connection', { ok: false, message: 'gone' });
    expect(a).toHaveBeenCalledWith('docker.connection', { ok: false, message: 'gone' });
    expect(b).not.toHaveBeenCalled();
    expect(sa.ctx.session).not.toBe(sb.ctx.session);
    sa.close();
  });
});

describe('the merged handlers of the app', () => {
  it('serve every method of the contract but the class methods, each exactly once; a classroom serves them all', () => {
    const isClassMethod = (m: string): boolean => m.startsWith('class.');
    expect(Object.keys(allHandlers).sort()).toEqual(METHODS.filter((m) => !isClassMethod(m)).sort());
    // Only the names are read here: no handler runs.
    const classroom = classroomHandlers({} as Classroom, Object.create(null) as ClassHub, Object.create(null) as ClassLoad);
    expect(Object.keys(classroom).sort()).toEqual([...METHODS].sort());
  });
});
