// A fake container runtime for unit tests: containers whose exec answers each command with what a real lab
// node answered once (test/fixtures/readings/*.json, written by recordReadings.ts). No Docker is involved.
// A command with no recording fails loudly, naming it, so a probe that changes its command is caught.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerHandle, ContainerState, ExecPipe, ExecResult, ExecStream, TtyExec } from '../../electron/runtime/containerRuntime.js';
import { BATCH_SCRIPT } from '../../electron/runtime/batchScript.js';
import type { LabNodes } from '../../electron/probes/labNodes.js';
import { projectRoot } from '../../electron/util/paths.js';

/** One command sent to a node and what came back: an exit with its output, or the runtime's error. */
export interface Recording {
  argv: string[];
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  error?: { message: string; statusCode?: number };
}

export interface RecordingFile {
  scenario: string;
  recordedAt: string;
  lab: string;
  /** Per node, every command the probes sent, in the order they were first sent. */
  nodes: Record<string, Recording[]>;
  /** The runtime's answer for a container that no longer exists. */
  gone?: Recording;
}

export function loadReadings(scenario: string): RecordingFile {
  return JSON.parse(readFileSync(join(projectRoot(), 'test/fixtures/readings', `${scenario}.json`), 'utf8')) as RecordingFile;
}

const sameArgv = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** An Error shaped like the runtime's (a statusCode of 404 when the container is gone). */
function runtimeError(e: NonNullable<Recording['error']>): Error {
  return Object.assign(new Error(e.message), e.statusCode !== undefined ? { statusCode: e.statusCode } : {});
}

/** The command lines of a probe batch (runtime/batchScript.ts): `bash -c SCRIPT name boundary max {seconds argc argv...}`. */
function batchCommands(argv: string[]): { boundary: string; commands: string[][] } | undefined {
  if (argv[0] !== 'bash' || argv[1] !== '-c' || argv[2] !== BATCH_SCRIPT) return undefined;
  const [boundary = '', , ...rest] = argv.slice(4);
  const commands: string[][] = [];
  for (let at = 0; at < rest.length;) {
    const argc = Number(rest[at + 1]);
    commands.push(rest.slice(at + 2, at + 2 + argc));
    at += 2 + argc;
  }
  return { boundary, commands };
}

export class FakeContainer implements ContainerHandle {
  /** Every exec this container received, as sent (a batch counts once). */
  readonly execs: string[][] = [];

  constructor(
    readonly ref: string,
    private readonly recordings: readonly Recording[],
    /** When set, every call fails with this runtime error (a container that is gone). */
    private readonly failure?: NonNullable<Recording['error']>,
  ) {}

  /** The recorded answer to one command, or a loud failure naming the command. */
  private answer(argv: string[]): ExecResult {
    const rec = this.recordings.find((r) => sameArgv(r.argv, argv));
    if (!rec) throw new Error(`no recording for ${this.ref}: ${JSON.stringify(argv).slice(0, 300)}`);
    if (rec.error) throw runtimeError(rec.error);
    return { exitCode: rec.exitCode ?? 0, stdout: rec.stdout ?? '', stderr: rec.stderr ?? '', ms: 1 };
  }

  exec(argv: string[]): Promise<ExecResult> {
    this.execs.push(argv);
    if (this.failure) return Promise.reject(runtimeError(this.failure));
    try {
      const batch = batchCommands(argv);
      if (!batch) return Promise.resolve(this.answer(argv));
      // Answer as the batch script would: two frames per command, in order.
      const frames = batch.commands.map((cmd, i) => {
        const r = this.answer(cmd);
        return `${batch.boundary} ${i} ${r.exitCode} o\n${r.stdout}${batch.boundary} ${i} ${r.exitCode} e\n${r.stderr}`;
      });
      return Promise.resolve({ exitCode: 0, stdout: frames.join(''), stderr: '', ms: 1 });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private notRecorded(what: string): Promise<never> {
    return Promise.reject(new Error(`FakeContainer ${this.ref}: ${what} is not recorded`));
  }

  execStream(): Promise<ExecStream> {
    return this.notRecorded('execStream');
  }
  /** Readings always take the exec path here: the probe session finds no pipe and falls back. */
  execPipe(): Promise<ExecPipe> {
    return this.notRecorded('execPipe');
  }
  execTty(): Promise<TtyExec> {
    return this.notRecorded('execTty');
  }
  putArchive(): Promise<void> {
    return this.notRecorded('putArchive');
  }
  inspect(): Promise<ContainerState | undefined> {
    return this.notRecorded('inspect');
  }
  start(): Promise<void> {
    return this.notRecorded('start');
  }
  kill(): Promise<void> {
    return this.notRecorded('kill');
  }
  remove(): Promise<void> {
    return this.notRecorded('remove');
  }
}

export interface FakeLab extends LabNodes {
  containers: Map<string, FakeContainer>;
}

/**
 * A lab whose nodes answer from recordings: `{ lb01: pair.nodes.lb01, lb02: failover.nodes.lb02 }` mixes
 * nodes of different moments (two holders at once is a split brain). A node listed in `gone` fails every
 * exec with the runtime's recorded error for a vanished container.
 */
export function fakeLab(nodes: Record<string, readonly Recording[]>, gone: Record<string, NonNullable<Recording['error']>> = {}): FakeLab {
  const containers = new Map<string, FakeContainer>();
  for (const [name, recs] of Object.entries(nodes)) containers.set(name, new FakeContainer(`fake-${name}`, recs, gone[name]));
  for (const [name, failure] of Object.entries(gone)) if (!containers.has(name)) containers.set(name, new FakeContainer(`fake-${name}`, [], failure));
  return {
    containers,
    nodes: [...containers.keys()].map((name) => ({ name })),
    container(node: string): ContainerHandle {
      const c = containers.get(node);
      if (!c) throw new Error(`fake lab has no node ${node}`);
      return c;
    },
  };
}

/** A lab as one recorded scenario saw it. */
export const labFromScenario = (scenario: string): FakeLab => fakeLab(loadReadings(scenario).nodes);
