// A running lab's containers are found by their labels, never by name alone: a
// container that merely carries a node's name (a stale record, another home's lab, anyone's) is never
// reached, and the names of different (instance, node, role) never coincide.
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { labView } from '../../electron/topology/manager.js';
import { nodeContainerName, sysctlHelperName } from '../../electron/topology/names.js';
import { LABEL, homeId } from '../../electron/docker/labels.js';
import { useRuntime } from '../../electron/runtime/current.js';
import type { ContainerHandle, ContainerRuntime, ContainerSummary, ExecResult } from '../../electron/runtime/containerRuntime.js';
import type { InstanceRecord } from '../../electron/topology/instances.js';
import { FIXTURE_PAIR } from '../helpers/integration.js';
import { stubHandle, stubRuntime } from '../helpers/stubRuntime.js';

interface Box {
  id: string;
  name: string;
  labels: Record<string, string>;
  execs: string[][];
  removed: boolean;
}

const notFound = (ref: string): Error => Object.assign(new Error(`No such container: ${ref}`), { statusCode: 404 });

/** A runtime holding the given containers: lookups by id or by name, like the Docker API's. */
function fakeRuntime(boxes: Box[]): ContainerRuntime {
  const find = (ref: string): Box | undefined => boxes.find((b) => !b.removed && (b.id === ref || b.name === ref));
  const handle = (ref: string): ContainerHandle =>
    stubHandle(ref, {
      exec: (argv: string[]): Promise<ExecResult> => {
        const b = find(ref);
        if (!b) return Promise.reject(notFound(ref));
        b.execs.push(argv);
        return Promise.resolve({ exitCode: 0, stdout: 'ok', stderr: '', ms: 1 });
      },
      inspect: () => {
        const b = find(ref);
        return Promise.resolve(b && { id: b.id, labels: b.labels, running: true, paused: false, status: 'running', startedAt: 't' });
      },
      remove: () => {
        const b = find(ref);
        if (b) b.removed = true;
        return Promise.resolve();
      },
    });
  return stubRuntime({
    container: handle,
    listContainers: (labels: string[]): Promise<ContainerSummary[]> =>
      Promise.resolve(
        boxes
          .filter((b) => !b.removed && labels.every((l) => (l.includes('=') ? b.labels[l.slice(0, l.indexOf('='))] === l.slice(l.indexOf('=') + 1) : l in b.labels)))
          .map((b) => ({ id: b.id, name: b.name, labels: b.labels, state: 'running' })),
      ),
  });
}

const ours = (instance: string, node: string, role: string): Record<string, string> => ({
  [LABEL.managed]: '1',
  [LABEL.home]: homeId(),
  [LABEL.instance]: instance,
  [LABEL.lab]: 'fixture-pair',
  [LABEL.node]: node,
  [LABEL.role]: role,
});

const box = (id: string, name: string, labels: Record<string, string>): Box => ({ id, name, labels, execs: [], removed: false });

function record(instance: string): InstanceRecord {
  return { instance, lab: 'fixture-pair', packDir: FIXTURE_PAIR, wantedSubnet: '10.0.0.0/24', subnet: '10.0.0.0/24', network: `halab-${instance}`, state: 'up', pid: 1, pidStart: '', createdAt: '' };
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('names', () => {
  it('are injective: instance/node boundaries and helper suffixes never produce the same name', () => {
    expect(nodeContainerName('a', 'b-c')).not.toBe(nodeContainerName('a-b', 'c'));
    expect(sysctlHelperName('lab', 'lb01')).not.toBe(nodeContainerName('lab', 'lb01-sysctl'));
    expect(sysctlHelperName('a', 'b-c')).not.toBe(sysctlHelperName('a-b', 'c'));
  });
});

describe('a running lab finds its containers by labels', () => {
  it('never execs in a container that only carries the node name', async () => {
    const instance = 'zzsec';
    // Another home's lab (or anything else) holds the name of lb01; our own lb01 is gone.
    const foreign = box('f1', nodeContainerName(instance, 'lb01'), { ...ours(instance, 'lb01', 'node'), [LABEL.home]: 'otherhome' });
    restore = useRuntime(fakeRuntime([foreign]));
    const view = labView(record(instance), await loadPack(FIXTURE_PAIR));
    await expect(view.container('lb01').exec(['true'])).rejects.toMatchObject({ statusCode: 404 });
    expect(await view.container('lb01').inspect()).toBeUndefined();
    await view.container('lb01').remove();
    expect(foreign.execs).toEqual([]);
    expect(foreign.removed).toBe(false);
  });

  it('reaches its own container whatever its name, and follows it when the node is created anew', async () => {
    const instance = 'zzsec';
    const mine = box('m1', 'renamed-by-someone', ours(instance, 'lb01', 'node'));
    const boxes = [mine];
    restore = useRuntime(fakeRuntime(boxes));
    const view = labView(record(instance), await loadPack(FIXTURE_PAIR));
    expect((await view.container('lb01').exec(['true'])).stdout).toBe('ok');
    expect(mine.execs).toEqual([['true']]);
    // A reset made lb01 again: the old id is gone, the labels find the new one.
    mine.removed = true;
    const again = box('m2', nodeContainerName(instance, 'lb01'), ours(instance, 'lb01', 'node'));
    boxes.push(again);
    await view.container('lb01').exec(['echo']);
    expect(again.execs).toEqual([['echo']]);
  });

  it("start_node's helper removal takes the node's labelled helper, not a node named like it", async () => {
    const instance = 'zzsec';
    // Under the old names, node "lb01-sysctl" was called exactly what lb01's helper was called.
    const nodeNamedLikeHelper = box('n1', sysctlHelperName(instance, 'lb01'), ours(instance, 'lb01-sysctl', 'node'));
    const helper = box('h1', 'whatever', ours(instance, 'lb01', 'sysctl-helper'));
    restore = useRuntime(fakeRuntime([nodeNamedLikeHelper, helper]));
    const view = labView(record(instance), await loadPack(FIXTURE_PAIR));
    await view.sysctlHelper('lb01').remove();
    expect(helper.removed).toBe(true);
    expect(nodeNamedLikeHelper.removed).toBe(false);
  });
});
