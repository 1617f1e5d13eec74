// The live topology's reducer on recorded event sequences, without Docker: every test feeds events the way the
// sources deliver them (late, twice, out of order, with gaps while nothing listened) and asserts the view.
import { describe, expect, it } from 'vitest';
import { initialState, MAX_HISTORY, reduce, view, type LiveEvent, type LiveState } from '../../electron/topology/liveState.js';
import type { AddrEvent } from '../../electron/probes/addrLog.js';

const VIP = '10.0.0.3';
const NODES = [
  { name: 'lb01', role: 'lb' as const, ip: '10.0.0.5' },
  { name: 'lb02', role: 'lb' as const, ip: '10.0.0.6' },
  { name: 'web01', role: 'web' as const, ip: '10.0.0.100' },
];
const ALL_RUNNING = { lb01: 'running', lb02: 'running', web01: 'running' };

const add = (node: string, at: number, ip = VIP): AddrEvent => ({ node, at, ip, added: true });
const del = (node: string, at: number, ip = VIP): AddrEvent => ({ node, at, ip, added: false });
const addr = (...events: AddrEvent[]): LiveEvent => ({ kind: 'addr', events });
const reading = (node: string, from: number, to: number, addrs: string[]): LiveEvent => ({ kind: 'addrReading', node, from, to, addrs });
const nodeState = (node: string, state: string, at: number): LiveEvent => ({ kind: 'nodeState', node, state, at });

/** Deep-frozen, so a reducer that changes its input throws instead of passing. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

function run(events: LiveEvent[], from: LiveState = initialState('pair', NODES, [VIP])): LiveState {
  return events.reduce((s, e) => frozen(reduce(s, e)), frozen(from));
}

const holders = (s: LiveState): string[] | undefined => view(s, 0).vips.find((v) => v.vip === VIP)?.holders;
const timeline = (s: LiveState): ReturnType<typeof view>['timeline'] => view(s, 0).timeline;
const nodeStates = (s: LiveState): Record<string, string> => Object.fromEntries(view(s, 0).nodes.map((n) => [n.name, n.state]));

/** A lab watched from t=1000 on, where lb01 won the VIP at 500 (its log says so). */
const watchedLab = (): LiveState =>
  run([{ kind: 'nodes', at: 1000, states: ALL_RUNNING }, reading('lb01', 1010, 1020, ['10.0.0.5', VIP]), reading('lb02', 1010, 1020, ['10.0.0.6']), addr(add('lb01', 500))]);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('live topology reducer', () => {
  it('starts from the manifest alone: every node missing, no holder, no timeline', () => {
    const v = view(initialState('pair', NODES, [VIP]), 42);
    expect(v).toEqual({
      lab: 'pair',
      at: 42,
      nodes: NODES.map((n) => ({ ...n, state: 'missing' })),
      vips: [{ vip: VIP, holders: [] }],
      vrrp: [],
      timeline: [],
    });
  });

  it('takes a change stamped before one already applied at its own time: any arrival order gives one view', () => {
    // lb01 wins at 500, loses the VIP at 2000; lb02 takes it at 2100. The log's early event arrives last.
    const events = [addr(del('lb01', 2000)), addr(add('lb02', 2100)), addr(add('lb01', 500))];
    const views = permutations(events).map((order) => {
      const s = run([{ kind: 'nodes', at: 100, states: ALL_RUNNING }, ...order]);
      return { holders: holders(s), timeline: timeline(s) };
    });
    expect(views[0]).toEqual({
      holders: ['lb02'],
      timeline: [
        { vip: VIP, from: null, to: 'lb01', at: 500, gapMs: null },
        { vip: VIP, from: 'lb01', to: 'lb02', at: 2100, gapMs: 100 },
      ],
    });
    for (const v of views) expect(v).toEqual(views[0]);
  });

  it('an old change that arrives late does not undo a newer one', () => {
    const s = run([{ kind: 'nodes', at: 100, states: ALL_RUNNING }, addr(del('lb01', 3000)), addr(add('lb01', 1000))]);
    expect(holders(s)).toEqual([]);
    expect(timeline(s).at(-1)).toMatchObject({ from: 'lb01', to: null, at: 3000 });
  });

  it('counts the same change once when the monitor and the log replay both report it, in either order', () => {
    // Two `ip` processes stamp one change a few ms apart; under load, hundreds of ms apart.
    for (const lag of [12, 400]) {
      for (const order of [
        [add('lb01', 1000), add('lb01', 1000 + lag)],
        [add('lb01', 1000 + lag), add('lb01', 1000)],
      ]) {
        const s = run([{ kind: 'nodes', at: 100, states: ALL_RUNNING }, ...order.map((e) => addr(e)), addr(del('lb01', 5000), add('lb02', 5050))]);
        expect(holders(s)).toEqual(['lb02']);
        expect(timeline(s)).toEqual([
          { vip: VIP, from: null, to: 'lb01', at: 1000, gapMs: null },
          { vip: VIP, from: 'lb01', to: 'lb02', at: 5050, gapMs: 50 },
        ]);
      }
    }
    // The very same log lines replayed twice (a second watch) are stored once.
    const twice = run([addr(add('lb01', 1000), del('lb01', 2000)), addr(add('lb01', 1000), del('lb01', 2000))]);
    expect(twice.history).toHaveLength(2);
  });

  it('follows a VIP moving between nodes: a gap while nobody holds it, none when the two overlap', () => {
    const gap = run([{ kind: 'nodes', at: 100, states: ALL_RUNNING }, addr(add('lb01', 500)), addr(del('lb01', 2000)), addr(add('lb02', 3250))]);
    expect(holders(gap)).toEqual(['lb02']);
    expect(timeline(gap).at(-1)).toEqual({ vip: VIP, from: 'lb01', to: 'lb02', at: 3250, gapMs: 1250 });
    // lb02 takes it while lb01 still has it (both hold it for 30 ms): no interruption.
    const overlap = run([{ kind: 'nodes', at: 100, states: ALL_RUNNING }, addr(add('lb01', 500)), addr(add('lb02', 2000))]);
    expect(holders(overlap)).toEqual(['lb01', 'lb02']);
    const handedOver = run([addr(del('lb01', 2030))], overlap);
    expect(holders(handedOver)).toEqual(['lb02']);
    expect(timeline(handedOver).at(-1)).toEqual({ vip: VIP, from: 'lb01', to: 'lb02', at: 2000, gapMs: 0 });
  });

  it('follows a node that dies and starts again: its addresses cleared at the death, then read again', () => {
    let s = run([addr(add('lb02', 1500)), { kind: 'vrrp', rows: [{ node: 'lb02', instance: 'VI_1', state: 'MASTER', priority: 100 }] }], watchedLab());
    s = run([addr(del('lb01', 1400))], s);
    expect(holders(s)).toEqual(['lb02']);
    s = run([nodeState('lb02', 'exited', 3000)], s);
    expect(nodeStates(s).lb02).toBe('exited');
    expect(holders(s)).toEqual([]);
    expect(view(s, 0).vrrp).toEqual([]); // a dead node's keepalived dump is not its state
    expect(timeline(s).at(-1)).toEqual({ vip: VIP, from: 'lb02', to: null, at: 3000, gapMs: null });
    // A line stamped by another clock just after the death does not bring the VIP back to a dead node.
    expect(holders(run([addr(add('lb02', 3001))], s))).toEqual([]);
    // A late monitor line from before the death changes nothing; the new boot's monitor reads an empty node.
    s = run([addr(add('lb02', 1500)), nodeState('lb02', 'running', 4000), reading('lb02', 4100, 4120, ['10.0.0.6'])], s);
    expect(nodeStates(s).lb02).toBe('running');
    expect(holders(s)).toEqual([]);
    // keepalived starts at boot and takes the VIP: the new monitor says so.
    s = run([addr(add('lb02', 7500))], s);
    expect(holders(s)).toEqual(['lb02']);
    expect(timeline(s).at(-1)).toEqual({ vip: VIP, from: 'lb02', to: 'lb02', at: 7500, gapMs: 4500 });
  });

  it('records a change no source reported as seen by the reading, until a report with its real time arrives', () => {
    // lb02 took the VIP after its death and before its new monitor listened: only the reading shows it.
    let s = run([nodeState('lb02', 'exited', 3000), nodeState('lb02', 'running', 4000), reading('lb02', 6000, 6040, ['10.0.0.6', VIP])], watchedLab());
    expect(holders(s)).toEqual(['lb01', 'lb02']);
    expect(timeline(s).at(-1)).toEqual({ vip: VIP, from: null, to: 'lb02', at: 6040, gapMs: null });
    // lb02's log has the real moment: the view takes it, and the reading still agrees.
    s = run([addr(add('lb02', 5200))], s);
    expect(timeline(s).at(-1)).toEqual({ vip: VIP, from: null, to: 'lb02', at: 5200, gapMs: null });
    expect(holders(s)).toEqual(['lb01', 'lb02']);
  });

  it('keeps a reading that raced a change: the change inside the reading span is not doubled', () => {
    // The reading started at 2000 and ended at 2100; lb01 lost the VIP at 2050, the reading already missed it.
    const s = run([addr(del('lb01', 2050)), reading('lb01', 2000, 2100, ['10.0.0.5'])], watchedLab());
    expect(holders(s)).toEqual([]);
    expect(timeline(s)).toEqual([
      { vip: VIP, from: null, to: 'lb01', at: 500, gapMs: null },
      { vip: VIP, from: 'lb01', to: null, at: 2050, gapMs: null },
    ]);
    // The same, with the monitor's line arriving after the reading.
    const late = run([reading('lb01', 2000, 2100, ['10.0.0.5']), addr(del('lb01', 2050))], watchedLab());
    expect(holders(late)).toEqual([]);
    expect(timeline(late).at(-1)).toEqual({ vip: VIP, from: 'lb01', to: null, at: 2050, gapMs: null });
  });

  it('comes back after the engine restarted: every source ended, then a new listing shows the nodes stopped', () => {
    const before = run([addr(del('lb01', 1400), add('lb02', 1500))], watchedLab());
    // The engine went away at about 2000: the streams end, no die event is delivered. Nothing is known until
    // the engine answers again and the listing says what is left.
    const after = run([{ kind: 'nodes', at: 9000, states: { lb01: 'exited', lb02: 'exited', web01: 'exited' } }], before);
    expect(nodeStates(after)).toEqual({ lb01: 'exited', lb02: 'exited', web01: 'exited' });
    expect(holders(after)).toEqual([]);
    expect(timeline(after).at(-1)).toEqual({ vip: VIP, from: 'lb02', to: null, at: 9000, gapMs: null });
  });

  it('comes back after the engine restarted with the nodes running: the listing, readings and log replay agree', () => {
    const before = run([{ kind: 'vrrp', rows: [{ node: 'lb01', instance: 'VI_1', state: 'MASTER', priority: 150 }] }], watchedLab());
    // During the outage lb01 lost the VIP and lb02 took it; the logs replayed on return repeat what was known.
    const after = run(
      [
        { kind: 'nodes', at: 9000, states: ALL_RUNNING },
        reading('lb01', 9100, 9130, ['10.0.0.5']),
        reading('lb02', 9100, 9130, ['10.0.0.6', VIP]),
        addr(add('lb01', 500), del('lb01', 2500), add('lb02', 2600)),
        { kind: 'vrrp', rows: [{ node: 'lb02', instance: 'VI_1', state: 'MASTER', priority: 100 }] },
      ],
      before,
    );
    const v = view(after, 0);
    expect(v.vips).toEqual([{ vip: VIP, holders: ['lb02'] }]);
    expect(v.vrrp).toEqual([{ node: 'lb02', instance: 'VI_1', state: 'MASTER', priority: 100 }]);
    expect(v.timeline).toEqual([
      { vip: VIP, from: null, to: 'lb01', at: 500, gapMs: null },
      { vip: VIP, from: 'lb01', to: 'lb02', at: 2600, gapMs: 100 },
    ]);
  });

  it('shows a paused node as paused, still holding its addresses, and follows it when it resumes', () => {
    let s = run([{ kind: 'vrrp', rows: [{ node: 'lb01', instance: 'VI_1', state: 'MASTER', priority: 150 }] }, nodeState('lb01', 'paused', 2000)], watchedLab());
    expect(nodeStates(s).lb01).toBe('paused');
    expect(holders(s)).toEqual(['lb01']); // a frozen namespace keeps its addresses
    expect(view(s, 0).vrrp).toEqual([]);
    // Its adverts stop: lb02 takes the VIP while lb01 still has it.
    s = run([addr(add('lb02', 5000))], s);
    expect(holders(s)).toEqual(['lb01', 'lb02']);
    // Resumed, lb01's keepalived sees the new master and lets go; its monitor reports it then.
    s = run([nodeState('lb01', 'running', 8000), addr(del('lb01', 8010))], s);
    expect(nodeStates(s).lb01).toBe('running');
    expect(holders(s)).toEqual(['lb02']);
    expect(timeline(s).at(-1)).toEqual({ vip: VIP, from: 'lb01', to: 'lb02', at: 5000, gapMs: 0 });
  });

  it('ignores addresses that are not VIPs and nodes the lab does not have', () => {
    const s = run([addr(add('lb01', 700, '10.0.0.77'), add('ghost', 800)), nodeState('ghost', 'exited', 900)], watchedLab());
    expect(s).toEqual(watchedLab());
  });

  it('bounds the history without losing a current holder', () => {
    const flaps = Array.from({ length: MAX_HISTORY + 100 }, (_, i) => (i % 2 ? del('lb02', 2000 + i) : add('lb02', 2000 + i)));
    const s = run([addr(...flaps)], watchedLab());
    expect(s.history.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(holders(s)).toEqual(['lb01']);
    expect(timeline(s)[0]).toEqual({ vip: VIP, from: null, to: 'lb01', at: 500, gapMs: null });
  });
});
