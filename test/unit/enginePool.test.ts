// Several engines under one server, without Docker: the engines file is read strictly, labs go to the
// emptiest engine, every runtime call reaches the engine of its lab, and a lost engine's labs are refused
// clearly instead of wandering to another engine.
import { describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { chooseEngine, type EngineLoad } from '../../electron/classroom/enginePlacement.js';
import type { ContainerHandle, ContainerRuntime, ContainerSummary, NetworkSummary } from '../../electron/runtime/containerRuntime.js';
import { dockerOptionsOf, parseEngineConfig } from '../../electron/runtime/dockerEngineConfig.js';
import { EnginePool } from '../../electron/runtime/dockerEnginePool.js';
import { PooledRuntime } from '../../electron/runtime/pooledRuntime.js';
import { LABEL } from '../../electron/docker/labels.js';
import { ClassEngines } from '../../electron/classroom/classEngines.js';

const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'nothing thrown';
};

describe('the engines file', () => {
  it('takes unix, loopback tcp, tcp with TLS and ssh engines', () => {
    const engines = parseEngineConfig(
      JSON.stringify({
        engines: [
          { name: 'local', host: 'unix:///var/run/docker.sock' },
          { name: 'lo', host: 'tcp://127.0.0.1:2375' },
          { name: 'rack2', host: 'tcp://10.1.2.3:2376', tls: '/etc/halab/rack2', maxLabs: 12 },
          { name: 'rack3', host: 'ssh://halab@10.1.2.4' },
        ],
      }),
      'engines.json',
    );
    expect(engines.map((e) => e.name)).toEqual(['local', 'lo', 'rack2', 'rack3']);
    // rack2's TLS folder is not on this machine: its options are read when the class starts.
    const [local, lo, rack3] = [engines[0], engines[1], engines[3]].map((e) => (e ? dockerOptionsOf(e) : undefined));
    expect(local).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(lo).toEqual({ protocol: 'http', host: '127.0.0.1', port: 2375 });
    expect(rack3).toMatchObject({ protocol: 'ssh', host: '10.1.2.4', port: 22, username: 'halab' });
  });

  it('says what is wrong, where, and what to write instead', () => {
    expect(thrown(() => parseEngineConfig('{"engines": [', 'e.json'))).toMatch(/^e\.json is not JSON/);
    expect(thrown(() => parseEngineConfig('{"engines": []}', 'e.json'))).toMatch(/engines: list at least one engine/);
    expect(thrown(() => parseEngineConfig('{"engines": [{"name": "A", "host": "unix:///s"}]}', 'e.json'))).toMatch(/engines\.0\.name: lowercase letters/);
    expect(thrown(() => parseEngineConfig('{"engines": [{"name": "a", "host": "http://x"}]}', 'e.json'))).toMatch(/engines\.0\.host: unix:\/\/\/path/);
    const twice = '{"engines": [{"name": "a", "host": "unix:///s"}, {"name": "a", "host": "unix:///t"}]}';
    expect(thrown(() => parseEngineConfig(twice, 'e.json'))).toBe('e.json: engines.1.name "a" is used twice.');
    expect(thrown(() => parseEngineConfig('{"engines": [{"name": "far", "host": "tcp://10.0.0.9:2375"}]}', 'e.json'))).toMatch(/"far" is reached over plain TCP at 10\.0\.0\.9:2375/);
    expect(thrown(() => parseEngineConfig('{"engines": [{"name": "s", "host": "unix:///s", "tls": "/x"}]}', 'e.json'))).toMatch(/has "tls" but is not tcp/);
  });
});

describe('placing a lab', () => {
  it('goes to the engine with the largest share free, ties in the order listed', () => {
    const loads = (mainRunning: number, secondRunning: number): EngineLoad[] => [
      { name: 'main', capacity: 2, running: mainRunning },
      { name: 'second', capacity: 1, running: secondRunning },
    ];
    expect(chooseEngine(loads(0, 0))).toBe('main');
    expect(chooseEngine(loads(1, 0))).toBe('second');
    expect(chooseEngine(loads(2, 1))).toBeUndefined();
    // A suspended lab resumes where its containers are, or waits.
    expect(chooseEngine(loads(1, 0), 'main')).toBe('main');
    expect(chooseEngine(loads(2, 0), 'main')).toBeUndefined();
  });
});

/** A runtime that answers lists from its own objects and records what it was asked. */
class RecordingRuntime implements ContainerRuntime {
  readonly calls: string[] = [];
  answers = true;
  constructor(
    readonly name: string,
    readonly containers: ContainerSummary[] = [],
    readonly networks: NetworkSummary[] = [],
  ) {}
  version(): Promise<{ version: string; apiVersion: string }> {
    return this.answers ? Promise.resolve({ version: '28', apiVersion: '1.50' }) : Promise.reject(new Error('connect ECONNREFUSED'));
  }
  container(ref: string): ContainerHandle {
    this.calls.push(`container ${ref}`);
    return { ref } as ContainerHandle;
  }
  createContainer(spec: { name?: string }): Promise<ContainerHandle> {
    this.calls.push(`create ${spec.name ?? ''}`);
    return Promise.resolve({ ref: spec.name ?? '' } as ContainerHandle);
  }
  listContainers(): Promise<ContainerSummary[]> {
    return Promise.resolve(this.containers);
  }
  listNetworks(): Promise<NetworkSummary[]> {
    return Promise.resolve(this.networks);
  }
  createNetwork(spec: { Name: string }): Promise<void> {
    this.calls.push(`network ${spec.Name}`);
    return Promise.resolve();
  }
  removeNetwork(id: string): Promise<void> {
    this.calls.push(`rmnet ${id}`);
    return Promise.resolve();
  }
  networkMembers(): Promise<string[]> {
    return Promise.resolve([]);
  }
  disconnect(): Promise<void> {
    return Promise.resolve();
  }
  image(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  watchEvents(): Promise<{ stop(): void }> {
    return Promise.resolve({ stop: () => undefined });
  }
}

function poolOf(...runtimes: RecordingRuntime[]): EnginePool {
  const pool = new EnginePool(
    runtimes.map((r) => ({ name: r.name, host: `unix:///run/${r.name}.sock` })),
    // A client that is never called: the engines' runtimes are replaced below.
    () => new Docker({ socketPath: '/nonexistent/docker.sock' }),
  );
  for (const [i, r] of runtimes.entries()) (pool.engines[i] as { runtime: unknown }).runtime = r;
  return pool;
}

const labelled = (instance: string): Record<string, string> => ({ [LABEL.instance]: instance, [LABEL.role]: 'node' });

describe('routing every call to the engine of its lab', () => {
  it('creates, finds and removes each lab on its own engine', async () => {
    const main = new RecordingRuntime('main', [{ id: 'aaa', name: 'halab-l01-x.lb01', labels: labelled('l01-x'), state: 'running' }]);
    const second = new RecordingRuntime(
      'second',
      [{ id: 'bbb', name: 'halab-l02-x.lb01', labels: labelled('l02-x'), state: 'running' }],
      [{ id: 'net2', name: 'halab-l02-x', labels: labelled('l02-x'), subnets: [] }],
    );
    const pool = poolOf(main, second);
    const rt = new PooledRuntime(pool);
    pool.place('l02-x', 'second');
    await rt.createNetwork({ Name: 'halab-l02-x', Labels: labelled('l02-x') });
    await rt.createContainer({ name: 'halab-l02-x.lb01', Labels: labelled('l02-x') });
    rt.container('halab-l02-x.lb02');
    expect(second.calls).toEqual(['network halab-l02-x', 'create halab-l02-x.lb01', 'container halab-l02-x.lb02']);
    expect(main.calls).toEqual([]);
    // A list of this home's objects asks both; the ids it learned route later calls by id.
    expect((await rt.listContainers([`${LABEL.managed}=1`])).map((c) => c.id)).toEqual(['aaa', 'bbb']);
    rt.container('aaa');
    rt.container('bbb');
    await rt.listNetworks([`${LABEL.managed}=1`]);
    await rt.removeNetwork('net2');
    expect(main.calls).toEqual(['container aaa']);
    expect(second.calls.slice(3)).toEqual(['container bbb', 'rmnet net2']);
  });

  it('refuses a lab whose engine was lost, and adopts labs found on the engines', async () => {
    const main = new RecordingRuntime('main', [{ id: 'aaa', name: 'halab-l01-x.lb01', labels: labelled('l01-x'), state: 'running' }]);
    const second = new RecordingRuntime('second', [
      { id: 'bbb', name: 'halab-l02-x.lb01', labels: labelled('l02-x'), state: 'running' },
      { id: 'ccc', name: 'halab-l01-x.lb01', labels: labelled('l01-x'), state: 'exited' },
    ]);
    const pool = poolOf(main, second);
    const { leftovers } = await pool.discover();
    expect([pool.placementOf('l01-x'), pool.placementOf('l02-x')]).toEqual(['main', 'second']);
    // l01-x runs on main; its stopped copy on the second engine is left over.
    expect(leftovers).toEqual([{ engine: 'second', instance: 'l01-x' }]);

    second.answers = false;
    expect(await pool.checkHealth(100)).toEqual([]); // one miss is a slow answer, not a loss
    expect(await pool.checkHealth(100)).toEqual([{ engine: 'second', health: 'lost', instances: ['l02-x'] }]);
    const rt = new PooledRuntime(pool);
    expect(thrown(() => rt.container('halab-l02-x.lb01'))).toBe('The Docker engine "second" that ran this lab stopped answering.');
    expect(main.calls).toEqual([]);
    // Placed again (the learner pressed Start), it goes where it was placed.
    pool.place('l02-x', 'main');
    rt.container('halab-l02-x.lb01');
    expect(main.calls).toEqual(['container halab-l02-x.lb01']);
    second.answers = true;
    expect(await pool.checkHealth(100)).toEqual([{ engine: 'second', health: 'up', instances: [] }]);
  });
});

describe("a class's only engine", () => {
  it('when Docker stops answering, names the learners with a lab running and lets no lab go', async () => {
    const local = new RecordingRuntime('local');
    const pool = poolOf(local);
    const lost: unknown[] = [];
    let changes = 0;
    const engines = new ClassEngines({
      pool,
      ownerOf: (i) => (i.startsWith('l01-') ? { learner: 'l01', lab: 'x' } : undefined),
      log: () => undefined,
      onChange: () => {
        changes++;
      },
      loads: () => Promise.resolve([{ name: 'local', capacity: 32, running: 1 }]),
      onLabLost: (l) => {
        lost.push(l);
      },
      alone: { running: () => Promise.resolve(['l01-x']) },
    });
    await engines.check();
    expect(engines.views()).toMatchObject([{ name: 'local', health: 'up', running: 1, capacity: 32, learners: ['l01'] }]);
    local.answers = false;
    await engines.check();
    await engines.check();
    expect(engines.views()).toMatchObject([{ name: 'local', health: 'lost', problem: 'connect ECONNREFUSED', learners: ['l01'] }]);
    expect(lost).toEqual([]);
    expect(engines.lostLabs()).toEqual([]);
    expect(changes).toBeGreaterThanOrEqual(2);
  });
});
