// A lab's containers found by their labels (this home, this instance, the node, its role), never by name
// alone: a stale record, a name another home's lab holds, or a container someone named like ours is not
// reached. The labels are read once per view (one list call for all nodes); the handles then act on the
// container id, and look again once when that id is gone (a lab reset created the node anew).
import type { ContainerHandle, ContainerState, ExecOptions, ExecPipe, ExecResult, ExecStream, TtyExec } from '../runtime/containerRuntime.js';
import { runtime } from '../runtime/current.js';
import { LABEL, ownedFilter } from '../docker/labels.js';
import { isNotFound } from '../docker/client.js';
import { nodeContainerName, observerName, sysctlHelperName } from './names.js';

export type ContainerRole = 'node' | 'sysctl-helper' | 'observer';

/** The runtime's "no such container" (statusCode 404), which every caller already treats as "gone". */
function notOurs(name: string, node: string, role: ContainerRole): Error {
  const what = role === 'node' ? `node "${node}"` : role === 'observer' ? `the protocol observer in node "${node}"` : `the sysctl helper of node "${node}"`;
  return Object.assign(new Error(`No such container: ${name} (no container of this lab carries ${what})`), { statusCode: 404 });
}

/** Container ids of one instance by role and node, read from the runtime's labelled list. */
class LabelledIds {
  private ids: Promise<Map<string, string>> | undefined;

  constructor(private readonly instance: string) {}

  async id(role: ContainerRole, node: string, fresh = false): Promise<string | undefined> {
    if (fresh || !this.ids) this.ids = this.read();
    const ids = this.ids;
    try {
      return (await ids).get(`${role}/${node}`);
    } catch (err) {
      // A failed read is not remembered: the next call asks again.
      if (this.ids === ids) this.ids = undefined;
      throw err;
    }
  }

  private async read(): Promise<Map<string, string>> {
    const list = await runtime().listContainers(ownedFilter(this.instance).label);
    return new Map(list.map((c) => [`${c.labels[LABEL.role] ?? ''}/${c.labels[LABEL.node] ?? ''}`, c.id]));
  }
}

class LabelledContainer implements ContainerHandle {
  constructor(
    /** The name the container was created under: for messages and exec batching, never for lookups. */
    readonly ref: string,
    private readonly ids: LabelledIds,
    private readonly role: ContainerRole,
    private readonly node: string,
  ) {}

  /**
   * Runs op on our container; when its id is gone, looks the labels up again once. whenMissing answers
   * for a container that is not there (else the runtime's 404).
   */
  private async on<T>(op: (c: ContainerHandle) => Promise<T>, whenMissing?: () => T): Promise<T> {
    let id = await this.ids.id(this.role, this.node);
    for (let attempt = 0; ; attempt++) {
      try {
        if (!id) throw notOurs(this.ref, this.node, this.role);
        return await op(runtime().container(id));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        if (attempt > 0) {
          if (whenMissing) return whenMissing();
          throw err;
        }
        id = await this.ids.id(this.role, this.node, true);
      }
    }
  }

  /** The runtime answers some calls on a missing container without an error: make that a 404 here. */
  private present<T>(ask: (c: ContainerHandle) => Promise<T | undefined>): (c: ContainerHandle) => Promise<T> {
    return async (c) => {
      const answer = await ask(c);
      if (answer === undefined) throw notOurs(this.ref, this.node, this.role);
      return answer;
    };
  }

  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult> {
    return this.on((c) => c.exec(argv, opts));
  }
  execStream(argv: string[]): Promise<ExecStream> {
    return this.on((c) => c.execStream(argv));
  }
  execPipe(argv: string[]): Promise<ExecPipe> {
    return this.on((c) => (c.execPipe ? c.execPipe(argv) : Promise.reject(new Error('this runtime has no execPipe'))));
  }
  execTty(argv: string[], env: string[]): Promise<TtyExec> {
    return this.on((c) => c.execTty(argv, env));
  }
  putArchive(tar: Buffer, path: string): Promise<void> {
    return this.on((c) => c.putArchive(tar, path));
  }
  readFile(path: string, maxBytes: number): Promise<Buffer | undefined> {
    return this.on((c) => (c.readFile ? c.readFile(path, maxBytes) : Promise.resolve(undefined)));
  }
  inspect(): Promise<ContainerState | undefined> {
    return this.on<ContainerState | undefined>(
      this.present((c) => c.inspect()),
      () => undefined,
    );
  }
  start(): Promise<void> {
    return this.on((c) => c.start());
  }
  kill(signal: string): Promise<void> {
    return this.on((c) => c.kill(signal));
  }
  /** Removes our container, looked up afresh (a removal of a stale id would silently do nothing). */
  async remove(): Promise<void> {
    const id = await this.ids.id(this.role, this.node, true);
    if (id) await runtime().container(id).remove();
  }
}

export interface LabContainers {
  node(node: string): ContainerHandle;
  sysctlHelper(node: string): ContainerHandle;
  /** The protocol observer living in this node's network namespace. */
  observer(node: string): ContainerHandle;
}

/** The containers of one lab instance of this home, by node; handles are made once per node and role. */
export function labContainers(instance: string): LabContainers {
  const ids = new LabelledIds(instance);
  const handles = new Map<string, ContainerHandle>();
  const handle = (role: ContainerRole, node: string, name: string): ContainerHandle => {
    const key = `${role}/${node}`;
    let h = handles.get(key);
    if (!h) handles.set(key, (h = new LabelledContainer(name, ids, role, node)));
    return h;
  };
  return {
    node: (node) => handle('node', node, nodeContainerName(instance, node)),
    sysctlHelper: (node) => handle('sysctl-helper', node, sysctlHelperName(instance, node)),
    observer: (node) => handle('observer', node, observerName(instance, node)),
  };
}
