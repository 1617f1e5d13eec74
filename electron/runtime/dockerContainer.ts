// One container through dockerode, as the engine sees it (ContainerHandle). The container is looked up by
// name on every call, so a handle outlives a node that is removed and created again under the same name.
import type Docker from 'dockerode';
import { docker, defaultEngineAddress, dockerUnreachable, isNotFound } from '../docker/client.js';
import type { ContainerHandle, ContainerState, ExecOptions, ExecPipe, ExecResult, ExecStream, TtyExec } from './containerRuntime.js';
import { execIn, execPipeIn, execStreamIn, execTtyIn } from './dockerExec.js';
import { firstFileOfTar } from '../docker/tarRead.js';

/** Docker answers 409 "is not running" to a kill of a stopped container, 304 to a start of a running one. */
const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number } | null)?.statusCode;

export class DockerContainer implements ContainerHandle {
  /** `engine` is the client of the engine holding the container (the default engine when not given). */
  constructor(
    readonly ref: string,
    private readonly engine?: { client: Docker; address: string },
  ) {}

  private get container(): Docker.Container {
    return (this.engine?.client ?? docker()).getContainer(this.ref);
  }

  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult> {
    return execIn(this.container, argv, opts);
  }

  execStream(argv: string[]): Promise<ExecStream> {
    return execStreamIn(this.container, argv);
  }

  execPipe(argv: string[]): Promise<ExecPipe> {
    return execPipeIn(this.container, argv);
  }

  execTty(argv: string[], env: string[]): Promise<TtyExec> {
    return execTtyIn(this.container, argv, env);
  }

  async putArchive(tar: Buffer, path: string): Promise<void> {
    await this.container.putArchive(tar, { path });
  }

  async readFile(path: string, maxBytes: number): Promise<Buffer | undefined> {
    let archive: NodeJS.ReadableStream;
    try {
      archive = await this.container.getArchive({ path });
    } catch (err) {
      if (isNotFound(err)) return undefined; // no such container, or no such file in it
      throw dockerUnreachable(err, this.engine?.address ?? defaultEngineAddress());
    }
    return firstFileOfTar(archive, maxBytes);
  }

  async inspect(): Promise<ContainerState | undefined> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.container.inspect();
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw dockerUnreachable(err, this.engine?.address ?? defaultEngineAddress());
    }
    return {
      id: info.Id,
      labels: info.Config.Labels,
      running: info.State.Running,
      paused: info.State.Paused,
      status: info.State.Status,
      startedAt: info.State.StartedAt,
      finishedAt: info.State.FinishedAt,
    };
  }

  async start(): Promise<void> {
    await this.container.start().catch((err: unknown) => {
      if (statusOf(err) !== 304) throw err;
    });
  }

  async kill(signal: string): Promise<void> {
    await this.container.kill({ signal }).catch((err: unknown) => {
      if (statusOf(err) !== 409 || !/is not running/.test(String(err))) throw err;
    });
  }

  async remove(): Promise<void> {
    await this.container.remove({ force: true, v: true }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
