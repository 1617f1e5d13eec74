import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import type { ContainerHandle, ExecOptions, ExecPipe, ExecResult } from '../../electron/runtime/containerRuntime.js';
import { SESSION_ARGV, closeProbeSessions, probeSessionRefs, runInSession, useProbeSessions } from '../../electron/runtime/probeSession.js';
import { batchArgs, parseBatchOutput, type BatchCommand } from '../../electron/runtime/batchScript.js';
import { probeIn, withExecBatching } from '../../electron/runtime/execBatch.js';
import { stubHandle } from '../helpers/stubRuntime.js';

/** The session loop run here in a local bash, as it runs in a container. */
function localPipe(): ExecPipe {
  const [cmd = 'bash', ...args] = SESSION_ARGV;
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    stdin: child.stdin,
    ended: new Promise((resolve) =>
      child.on('close', () => {
        resolve();
      }),
    ),
    close: () => child.kill(),
    unref: () => {
      child.unref();
    },
  };
}

/** A pipe whose answers the test writes: each request is kept, decoded, until answered. */
class ScriptedPipe implements ExecPipe {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly requests: string[][] = [];
  closed = false;
  private endNow: () => void = () => undefined;
  readonly ended = new Promise<void>((resolve) => (this.endNow = resolve));
  readonly stdin = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      const [, ...args] = chunk.toString('utf8').split('\0').slice(0, -1);
      this.requests.push(args);
      done();
    },
  });

  close(): void {
    this.closed = true;
    this.end();
  }
  unref(): void {}
  /** The stream ends as when the container stops. */
  end(): void {
    this.stdout.end();
    this.endNow();
  }
  /** Answers the oldest request as the batch script would, the bytes split at every `splitEvery`. */
  answer(results: Omit<ExecResult, 'ms'>[], splitEvery = Infinity): void {
    const [boundary = ''] = this.requests.shift() ?? [];
    const frames = results.map((r, i) => `${boundary} ${i} ${r.exitCode} o\n${r.stdout}${boundary} ${i} ${r.exitCode} e\n${r.stderr}`).join('');
    const bytes = Buffer.from(`${frames}${boundary} end 0\n`);
    for (let at = 0; at < bytes.length; at += Math.min(splitEvery, bytes.length)) this.stdout.write(bytes.subarray(at, at + splitEvery));
  }
}

/** A container whose pipes come from `pipes` and whose exec runs the command here, each call recorded. */
function container(ref: string, pipes: () => ExecPipe) {
  const execs: string[][] = [];
  let opened = 0;
  const handle: ContainerHandle = stubHandle(ref, {
    exec: (argv: string[], opts: ExecOptions = {}): Promise<ExecResult> => {
      execs.push(argv);
      const r = spawnSync('timeout', ['-k', '1', String(Math.ceil((opts.timeoutMs ?? 10_000) / 1000)), ...argv], { encoding: 'utf8' });
      return Promise.resolve({ exitCode: r.status ?? 124, stdout: r.stdout, stderr: r.stderr, ms: 0 });
    },
    execPipe: () => {
      opened++;
      return Promise.resolve(pipes());
    },
  });
  return { handle, execs, opened: () => opened };
}

const limits = { guardMs: 4000, maxBytes: 1024 * 1024 };
const request = (commands: BatchCommand[]): string[] => batchArgs('@B@', 1024 * 1024, commands);

afterEach(() => {
  closeProbeSessions(probeSessionRefs());
  vi.useRealTimers();
});

describe('a probe session', () => {
  it('answers batch after batch in one long-lived shell, each output framed as a plain batch exec frames it', async () => {
    const pipes: ExecPipe[] = [];
    const node = container('local', () => {
      const p = localPipe();
      pipes.push(p);
      return p;
    });
    const first = await runInSession(
      node.handle,
      request([
        { argv: ['printf', 'no newline'], seconds: 2 },
        { argv: ['bash', '-c', 'echo out; echo err >&2; exit 3'], seconds: 2 },
        { argv: ['printf', '%s|', 'two words', '', 'line\nbreak', '主备'], seconds: 2 },
        { argv: ['bash', '-c', 'cat; echo "stdin was empty"'], seconds: 2 },
      ]),
      limits,
    );
    expect(first?.exitCode).toBe(0);
    expect(parseBatchOutput(first?.stdout ?? '', '@B@', 4)).toEqual([
      { exitCode: 0, stdout: 'no newline', stderr: '' },
      { exitCode: 3, stdout: 'out\n', stderr: 'err\n' },
      { exitCode: 0, stdout: 'two words||line\nbreak|主备|', stderr: '' },
      { exitCode: 0, stdout: 'stdin was empty\n', stderr: '' },
    ]);
    for (let i = 0; i < 3; i++) {
      const next = await runInSession(node.handle, request([{ argv: ['echo', `batch ${i}`], seconds: 1 }]), limits);
      expect(parseBatchOutput(next?.stdout ?? '', '@B@', 1)).toEqual([{ exitCode: 0, stdout: `batch ${i}\n`, stderr: '' }]);
    }
    expect(node.opened()).toBe(1);
    expect(node.execs).toEqual([]);
    expect(probeSessionRefs()).toEqual(['local']);
  });

  it('reads an answer whose end line arrives one byte at a time', async () => {
    const pipe = new ScriptedPipe();
    const node = container('bytewise', () => pipe);
    const pending = runInSession(node.handle, request([{ argv: ['x'], seconds: 1 }]), limits);
    await vi.waitFor(() => {
      expect(pipe.requests).toHaveLength(1);
    });
    expect(pipe.requests[0]).toEqual(['@B@', String(1024 * 1024), '1', '1', 'x']);
    pipe.answer([{ exitCode: 2, stdout: 'a\n', stderr: 'b' }], 1);
    const res = await pending;
    expect(parseBatchOutput(res?.stdout ?? '', '@B@', 1)).toEqual([{ exitCode: 2, stdout: 'a\n', stderr: 'b' }]);
  });

  it('sends a batch that finds the session busy through a plain exec instead of queueing it', async () => {
    const pipe = new ScriptedPipe();
    const node = container('busy', () => pipe);
    const slow = withExecBatching(() => probeIn(node.handle, ['sleep', '3'], { timeoutMs: 3000 }));
    await vi.waitFor(() => {
      expect(pipe.requests).toHaveLength(1);
    });
    const quick = await withExecBatching(() => Promise.all([probeIn(node.handle, ['echo', 'one']), probeIn(node.handle, ['echo', 'two'])]));
    expect(quick.map((r) => r.stdout)).toEqual(['one\n', 'two\n']);
    expect(node.execs).toHaveLength(1);
    expect(pipe.requests).toHaveLength(1);
    pipe.answer([{ exitCode: 0, stdout: 'slept\n', stderr: '' }]);
    expect((await slow).stdout).toBe('slept\n');
    expect(node.opened()).toBe(1);
  });

  it('answers exit 124 once the guard runs out, closes that session and opens a new one for the next batch', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pipes: ScriptedPipe[] = [];
    const node = container('stuck', () => {
      pipes.push(new ScriptedPipe());
      return pipes.at(-1) as ScriptedPipe;
    });
    const stuck = runInSession(node.handle, request([{ argv: ['sleep', '60'], seconds: 1 }]), limits);
    await vi.waitFor(() => {
      expect(pipes[0]?.requests).toHaveLength(1);
    });
    await vi.advanceTimersByTimeAsync(limits.guardMs);
    expect(await stuck).toMatchObject({ exitCode: 124, stdout: '' });
    expect(pipes[0]?.closed).toBe(true);
    expect(probeSessionRefs()).toEqual([]);
    const next = runInSession(node.handle, request([{ argv: ['true'], seconds: 1 }]), limits);
    await vi.waitFor(() => {
      expect(pipes[1]?.requests).toHaveLength(1);
    });
    pipes[1]?.answer([{ exitCode: 0, stdout: '', stderr: '' }]);
    expect((await next)?.exitCode).toBe(0);
  });

  it('a timed-out batch answers every reading in it with 124, as a timed-out exec does', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate'] });
    const pipe = new ScriptedPipe();
    const node = container('stuck-batch', () => pipe);
    const readings = withExecBatching(() => Promise.all([probeIn(node.handle, ['a'], { timeoutMs: 1000 }), probeIn(node.handle, ['b'], { timeoutMs: 2000 })]));
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(() => {
      expect(pipe.requests).toHaveLength(1);
    });
    await vi.advanceTimersByTimeAsync((2 + 3) * 1000);
    expect((await readings).map((r) => r.exitCode)).toEqual([124, 124]);
    expect(node.execs).toEqual([]);
  });

  it('drops a session whose stream ends: the batch under way takes the exec path, the next batch a new session', async () => {
    const pipes: ScriptedPipe[] = [];
    const node = container('restarted', () => {
      pipes.push(new ScriptedPipe());
      return pipes.at(-1) as ScriptedPipe;
    });
    const reading = withExecBatching(() => probeIn(node.handle, ['echo', 'via exec']));
    await vi.waitFor(() => {
      expect(pipes[0]?.requests).toHaveLength(1);
    });
    pipes[0]?.end();
    expect((await reading).stdout).toBe('via exec\n');
    expect(node.execs).toEqual([['echo', 'via exec']]);
    expect(probeSessionRefs()).toEqual([]);
    const next = withExecBatching(() => probeIn(node.handle, ['anything']));
    await vi.waitFor(() => {
      expect(pipes[1]?.requests).toHaveLength(1);
    });
    pipes[1]?.answer([{ exitCode: 0, stdout: 'new session\n', stderr: '' }]);
    expect((await next).stdout).toBe('new session\n');
    expect(node.opened()).toBe(2);
  });

  it('closes the sessions of a lab going down, and a session answering out of turn', async () => {
    const pipe = new ScriptedPipe();
    const node = container('down', () => pipe);
    const pending = runInSession(node.handle, request([{ argv: ['x'], seconds: 1 }]), limits);
    await vi.waitFor(() => {
      expect(pipe.requests).toHaveLength(1);
    });
    closeProbeSessions(['down']);
    expect(await pending).toBeUndefined();
    expect(pipe.closed).toBe(true);

    const chatty = new ScriptedPipe();
    const other = container('chatty', () => chatty);
    const first = runInSession(other.handle, request([{ argv: ['x'], seconds: 1 }]), limits);
    await vi.waitFor(() => {
      expect(chatty.requests).toHaveLength(1);
    });
    chatty.answer([{ exitCode: 0, stdout: '', stderr: '' }]);
    await first;
    chatty.stdout.write('unasked output\n');
    await vi.waitFor(() => {
      expect(chatty.closed).toBe(true);
    });
    expect(probeSessionRefs()).toEqual([]);
  });

  it('leaves the exec path in charge when sessions are off, unsupported or fail to open', async () => {
    const restore = useProbeSessions(false);
    const off = container('off', () => new ScriptedPipe());
    expect((await withExecBatching(() => probeIn(off.handle, ['echo', 'off']))).stdout).toBe('off\n');
    restore();
    expect(off.opened()).toBe(0);

    const failing = stubHandle('failing', {
      exec: () => Promise.resolve({ exitCode: 0, stdout: 'exec\n', stderr: '', ms: 0 }),
      execPipe: () => Promise.reject(new Error('not running')),
    });
    const unsupported = stubHandle('unsupported', { exec: () => Promise.resolve({ exitCode: 0, stdout: 'exec\n', stderr: '', ms: 0 }) });
    const answers = await withExecBatching(() => Promise.all([probeIn(failing, ['x']), probeIn(unsupported, ['x'])]));
    expect(answers.map((r) => r.stdout)).toEqual(['exec\n', 'exec\n']);
    expect(probeSessionRefs()).toEqual([]);
  });
});

describe('a probe batch', () => {
  it('runs a command asked for by several readings at once a single time, and answers each of them', async () => {
    const pipe = new ScriptedPipe();
    const node = container('shared', () => pipe);
    const readings = withExecBatching(() =>
      Promise.all([probeIn(node.handle, ['state'], { timeoutMs: 4000 }), probeIn(node.handle, ['addr']), probeIn(node.handle, ['state'], { timeoutMs: 4000 }), probeIn(node.handle, ['state'])]),
    );
    await vi.waitFor(() => {
      expect(pipe.requests).toHaveLength(1);
    });
    // boundary, byte limit, then <seconds> <argc> <argv...> per command: the same limits only are shared.
    expect(pipe.requests[0]?.slice(2)).toEqual(['4', '1', 'state', '10', '1', 'addr', '10', '1', 'state']);
    pipe.answer([
      { exitCode: 0, stdout: 'MASTER\n', stderr: '' },
      { exitCode: 0, stdout: '10.0.0.5\n', stderr: '' },
      { exitCode: 0, stdout: 'MASTER, asked without a timeout\n', stderr: '' },
    ]);
    const [first, addr, second, third] = await readings;
    expect([first?.stdout, addr?.stdout, second?.stdout, third?.stdout]).toEqual(['MASTER\n', '10.0.0.5\n', 'MASTER\n', 'MASTER, asked without a timeout\n']);
    expect(first).not.toBe(second);
  });
});
