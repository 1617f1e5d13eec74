// The container runtime of a server with several engines: every call goes to the engine of the lab it is
// about (by the lab label of a list or a create, or the lab part of a container's name), and calls about no
// lab in particular (a sweep of this home's objects) go to every engine that answers. The rest of the app
// keeps calling one runtime and never learns that there are several.
import { LABEL } from '../docker/labels.js';
import type { ContainerHandle, ContainerRuntime, ContainerSpec, ContainerSummary, ImageInfo, NetworkSpec, NetworkSummary, RuntimeEvent } from './containerRuntime.js';
import type { EnginePool, PooledEngine } from './dockerEnginePool.js';

const INSTANCE_FILTER = `${LABEL.instance}=`;

/** The lab a label filter selects, if it selects one. */
function instanceOfFilter(labels: readonly string[] | undefined): string | undefined {
  return labels?.find((l) => l.startsWith(INSTANCE_FILTER))?.slice(INSTANCE_FILTER.length);
}

/** Containers are named halab-<instance>.<node>[.<role>] (topology/names.ts); ids are learned from lists. */
function instanceOfName(ref: string): string | undefined {
  return /^halab-([a-z0-9-]+)\./.exec(ref)?.[1];
}

export class PooledRuntime implements ContainerRuntime {
  /** Container and network ids seen in answers, with the engine that gave them. */
  private readonly containerEngines = new Map<string, string>();
  private readonly networkEngines = new Map<string, string>();

  constructor(readonly pool: EnginePool) {}

  private byName(name: string | undefined): PooledEngine | undefined {
    return name === undefined ? undefined : this.pool.engine(name);
  }

  private forLabels(labels: readonly string[] | undefined): PooledEngine[] {
    const instance = instanceOfFilter(labels);
    return instance ? [this.pool.engineFor(instance)] : this.pool.live();
  }

  async version(timeoutMs?: number): Promise<{ version: string; apiVersion: string }> {
    // One engine that answers is enough: a lab on a lost one is refused when its own calls are routed.
    return this.pool.anyLive().runtime.version(timeoutMs);
  }

  container(ref: string): ContainerHandle {
    const known = this.byName(this.containerEngines.get(ref));
    const instance = instanceOfName(ref);
    const engine = known ?? (instance ? this.pool.engineFor(instance) : this.pool.anyLive());
    return engine.runtime.container(ref);
  }

  async createContainer(spec: ContainerSpec): Promise<ContainerHandle> {
    const instance = spec.Labels?.[LABEL.instance] ?? instanceOfName(spec.name ?? '');
    return (instance ? this.pool.engineFor(instance) : this.pool.anyLive()).runtime.createContainer(spec);
  }

  async listContainers(labels: string[]): Promise<ContainerSummary[]> {
    const lists = await Promise.all(
      this.forLabels(labels).map(async (e) => {
        const list = await e.runtime.listContainers(labels);
        for (const c of list) this.containerEngines.set(c.id, e.config.name);
        return list;
      }),
    );
    return lists.flat();
  }

  async listNetworks(labels?: string[]): Promise<NetworkSummary[]> {
    const lists = await Promise.all(
      this.forLabels(labels).map(async (e) => {
        const list = await e.runtime.listNetworks(labels);
        for (const n of list) this.networkEngines.set(n.id, e.config.name);
        return list;
      }),
    );
    return lists.flat();
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    const instance = spec.Labels?.[LABEL.instance];
    await (instance ? this.pool.engineFor(instance) : this.pool.anyLive()).runtime.createNetwork(spec);
  }

  /** The engine that listed a network, else every engine that answers. */
  private networkHolders(id: string): PooledEngine[] {
    const known = this.byName(this.networkEngines.get(id));
    return known ? [known] : this.pool.live();
  }

  async removeNetwork(id: string): Promise<void> {
    await Promise.all(this.networkHolders(id).map((e) => e.runtime.removeNetwork(id)));
    this.networkEngines.delete(id);
  }

  async networkMembers(id: string): Promise<string[]> {
    const lists = await Promise.all(this.networkHolders(id).map((e) => e.runtime.networkMembers(id)));
    return lists.flat();
  }

  async disconnect(networkId: string, containerId: string): Promise<void> {
    const holders = this.networkHolders(networkId);
    const results = await Promise.allSettled(holders.map((e) => e.runtime.disconnect(networkId, containerId)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure && results.every((r) => r.status === 'rejected')) throw failure.reason;
  }

  /** The image as the first engine that answers has it; the server copies it to every engine at start. */
  async image(tag: string): Promise<ImageInfo | undefined> {
    return this.pool.anyLive().runtime.image(tag);
  }

  async watchEvents(labels: string[], onEvent: (e: RuntimeEvent) => void, onEnd: () => void): Promise<{ stop(): void }> {
    const engines = this.forLabels(labels);
    let ended = false;
    const watches: { stop(): void }[] = [];
    const stopAll = (): void => {
      for (const w of watches) w.stop();
    };
    // Several engines' streams end together: the watcher is told once, and re-subscribes to all.
    const endOnce = (): void => {
      if (ended) return;
      ended = true;
      stopAll();
      onEnd();
    };
    for (const e of engines) watches.push(await e.runtime.watchEvents(labels, onEvent, endOnce));
    return {
      stop: () => {
        ended = true;
        stopAll();
      },
    };
  }
}
