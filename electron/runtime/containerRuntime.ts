// What the engine needs from a container runtime, and nothing more: containers by name, exec, files in, networks,
// events. The Docker implementation sits behind it (dockerRuntime.ts); unit tests use a fake
// (test/helpers/fakeRuntime.ts), so grading and live state can be tested on recorded readings without an engine.
// Create specs use the Docker Engine API's shapes, which Podman's compatible API also accepts.
import type { Duplex, Readable, Writable } from 'node:stream';
import type { ContainerCreateOptions, NetworkCreateOptions } from 'dockerode';

/** What createContainer and createNetwork take (the Docker Engine API's shapes), named for the seam's users. */
export type ContainerSpec = ContainerCreateOptions;
export type NetworkSpec = NetworkCreateOptions;

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** What an exec gets when its options do not say. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export interface ExecOptions {
  /** The command is killed after this long (exit code 124). */
  timeoutMs?: number;
  stdin?: string;
  /** Output beyond this many bytes per stream is dropped (a probe never needs more). */
  maxBytes?: number;
}

/** A long-running command whose output is read as it comes (`ip monitor`). */
export interface ExecStream {
  stdout: Readable;
  stderr: Readable;
  /** Ends the command's stream; the command itself ends when its pipe breaks. */
  close(): void;
  /** Resolves when the output ends, for any reason. */
  ended: Promise<void>;
}

/** A long-running command that also reads what is written to its stdin (a probe session, probeSession.ts). */
export interface ExecPipe extends ExecStream {
  /** The command's stdin; ending it closes the command's stdin. */
  stdin: Writable;
  /** Lets this process exit while the command idles (the connection no longer holds the event loop). */
  unref(): void;
}

/** An interactive shell on a terminal. */
export interface TtyExec {
  /** Raw terminal bytes both ways. */
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** The command's state: running, and its exit code once it ended (null when killed without one). */
  inspect(): Promise<{ running: boolean; exitCode: number | null }>;
}

export interface ContainerState {
  id: string;
  labels: Record<string, string>;
  running: boolean;
  paused: boolean;
  /** running, paused, exited, created, ... as the runtime names it. */
  status: string;
  /** When the container last started: a different value later means it restarted. */
  startedAt: string;
  /** When it last stopped, kept after a restart; absent (or the zero time) when it never stopped. */
  finishedAt?: string;
}

export interface ContainerSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  /** running, exited, paused, created, ... */
  state: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  subnets: string[];
}

export interface ImageInfo {
  /** When the image was built (ISO 8601). */
  created: string;
  sizeBytes: number;
}

/** A container's life event (start, die, stop, kill, destroy, pause, unpause, ...), with the runtime's clock. */
export interface RuntimeEvent {
  action: string;
  labels: Record<string, string>;
  /** ms since the epoch, as the runtime stamped it. */
  at: number;
}

/**
 * One container, by name or id. A call fails with an error whose `statusCode` is 404 when the container is
 * gone (isNotFound) and 409 when it is not running (exec), as Docker's and Podman's APIs both answer.
 */
export interface ContainerHandle {
  readonly ref: string;
  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  execStream(argv: string[]): Promise<ExecStream>;
  /** A runtime without it answers every reading with exec (execBatch.ts). */
  execPipe?(argv: string[]): Promise<ExecPipe>;
  execTty(argv: string[], env: string[]): Promise<TtyExec>;
  /** Unpacks a tar archive into the container at `path`. */
  putArchive(tar: Buffer, path: string): Promise<void>;
  /** A file of the container, running or stopped; undefined when it is missing or larger than `maxBytes`. */
  readFile?(path: string, maxBytes: number): Promise<Buffer | undefined>;
  /** undefined when the container does not exist; a UserError saying how to reach the engine when it cannot. */
  inspect(): Promise<ContainerState | undefined>;
  /** Starts a stopped container; one already running is not an error. */
  start(): Promise<void>;
  /** Sends a signal to the container's init; a container that is not running is not an error. */
  kill(signal: string): Promise<void>;
  /** Removes the container, running or not; a missing one is not an error. */
  remove(): Promise<void>;
}

export interface ContainerRuntime {
  /** The engine's version; fails with a UserError that says how to reach it. */
  version(timeoutMs?: number): Promise<{ version: string; apiVersion: string }>;
  container(ref: string): ContainerHandle;
  createContainer(spec: ContainerCreateOptions): Promise<ContainerHandle>;
  /** Containers, stopped ones too, carrying every one of these labels (`key=value` or `key`). */
  listContainers(labels: string[]): Promise<ContainerSummary[]>;
  /** Networks carrying every one of these labels; all networks when none is given. */
  listNetworks(labels?: string[]): Promise<NetworkSummary[]>;
  createNetwork(spec: NetworkCreateOptions): Promise<void>;
  /** Removes a network; a missing one is not an error. */
  removeNetwork(id: string): Promise<void>;
  /** The containers a network still lists as attached (ids). */
  networkMembers(id: string): Promise<string[]>;
  disconnect(networkId: string, containerId: string): Promise<void>;
  /** undefined when there is no such image. */
  image(tag: string): Promise<ImageInfo | undefined>;
  /** Container events of containers carrying every one of these labels, pushed as they happen. */
  watchEvents(labels: string[], onEvent: (e: RuntimeEvent) => void, onEnd: () => void): Promise<{ stop(): void }>;
}
