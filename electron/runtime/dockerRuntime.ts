// The container runtime the engine uses in production: the Docker engine (or anything that speaks its API)
// through dockerode. Containers are handled by dockerContainer.ts; this file holds the engine-wide calls.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ContainerCreateOptions, NetworkCreateOptions } from 'dockerode';
import { docker, defaultEngineAddress, ensureDocker, isNotFound } from '../docker/client.js';
import type { ContainerHandle, ContainerRuntime, ContainerSummary, ImageInfo, NetworkSummary, RuntimeEvent } from './containerRuntime.js';
import { DockerContainer } from './dockerContainer.js';

/** One line of `docker events` as the engine sends it (JSON, one object a line). */
interface EngineEvent {
  Action?: string;
  Actor?: { Attributes?: Record<string, string> };
  timeNano?: number;
  time?: number;
}

export function parseEngineEvent(line: string): RuntimeEvent | undefined {
  let e: EngineEvent;
  try {
    e = JSON.parse(line) as EngineEvent;
  } catch {
    return undefined;
  }
  if (!e.Action) return undefined;
  const at = e.timeNano ? Math.round(e.timeNano / 1e6) : (e.time ?? Date.now() / 1000) * 1000;
  // "exec_start: bash" and "health_status: healthy" carry a detail after the colon: the action is before it.
  return { action: e.Action.split(':')[0] ?? e.Action, labels: e.Actor?.Attributes ?? {}, at };
}

/** One engine: its client and the address it was reached at (for messages). */
export interface EngineClient {
  client: Docker;
  address: string;
}

export class DockerRuntime implements ContainerRuntime {
  /** Without an engine, the default one (DOCKER_HOST or the local socket), its client made on first use. */
  constructor(private readonly engine?: EngineClient) {}

  private d(): Docker {
    return this.engine?.client ?? docker();
  }

  version(timeoutMs?: number): Promise<{ version: string; apiVersion: string }> {
    return ensureDocker(timeoutMs, this.d(), this.engine?.address ?? defaultEngineAddress());
  }

  container(ref: string): ContainerHandle {
    return new DockerContainer(ref, this.engine);
  }

  async createContainer(spec: ContainerCreateOptions): Promise<ContainerHandle> {
    const created = await this.d().createContainer(spec);
    return new DockerContainer(spec.name ?? created.id, this.engine);
  }

  async listContainers(labels: string[]): Promise<ContainerSummary[]> {
    const list = await this.d().listContainers({ all: true, filters: { label: labels } });
    return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), labels: c.Labels, state: c.State }));
  }

  async listNetworks(labels?: string[]): Promise<NetworkSummary[]> {
    const list = await this.d().listNetworks(labels?.length ? { filters: { label: labels } } : {});
    return list.map((n) => ({
      id: n.Id,
      name: n.Name,
      labels: n.Labels ?? {},
      subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    }));
  }

  async createNetwork(spec: NetworkCreateOptions): Promise<void> {
    await this.d().createNetwork(spec);
  }

  async removeNetwork(id: string): Promise<void> {
    await this.d()
      .getNetwork(id)
      .remove()
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }

  async networkMembers(id: string): Promise<string[]> {
    try {
      const info = (await this.d().getNetwork(id).inspect()) as { Containers?: Record<string, unknown> };
      return Object.keys(info.Containers ?? {});
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async disconnect(networkId: string, containerId: string): Promise<void> {
    await this.d().getNetwork(networkId).disconnect({ Container: containerId, Force: true });
  }

  async image(tag: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.d().getImage(tag).inspect();
      return { created: info.Created, sizeBytes: info.Size };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async watchEvents(labels: string[], onEvent: (e: RuntimeEvent) => void, onEnd: () => void): Promise<{ stop(): void }> {
    // The engine answers with a never-ending HTTP body: dockerode types it as a web stream, it is a Node one.
    const stream = (await this.d().getEvents({ filters: { type: ['container'], label: labels } })) as unknown as Readable;
    let tail = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (tail + chunk).split('\n');
      tail = lines.pop() ?? '';
      // A runaway line without a newline is dropped rather than grown forever.
      if (tail.length > 64 * 1024) tail = '';
      for (const line of lines) {
        const event = line.trim() ? parseEngineEvent(line) : undefined;
        if (event) onEvent(event);
      }
    });
    let stopped = false;
    const ended = (): void => {
      if (!stopped) onEnd();
      stopped = true;
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
    return {
      stop() {
        stopped = true;
        stream.destroy();
      },
    };
  }
}
