import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BATCH_SCRIPT, batchArgs, parseBatchOutput, type BatchCommand } from '../../electron/runtime/batchScript.js';
import type { ContainerHandle, ExecOptions, ExecResult } from '../../electron/runtime/containerRuntime.js';
import { probeIn, withExecBatching } from '../../electron/runtime/execBatch.js';
import { stubHandle } from '../helpers/stubRuntime.js';

// A container handle whose exec stands in for an exec in a container: the same argv runs here, in a local
// process, and every call is recorded. Nothing else of a container is needed by probeIn.
const calls: { container: string; argv: string[] }[] = [];
const containerHandle = (ref: string): ContainerHandle =>
  stubHandle(ref, {
    exec: (argv: string[], opts: ExecOptions = {}): Promise<ExecResult> => {
      calls.push({ container: ref, argv });
      const seconds = String(Math.max(1, Math.ceil((opts.timeoutMs ?? 10_000) / 1000)));
      const r = spawnSync('timeout', ['-k', '1', seconds, ...argv], { encoding: 'utf8', input: opts.stdin ?? '' });
      return Promise.resolve({ exitCode: r.status ?? 124, stdout: r.stdout, stderr: r.stderr, ms: 0 });
    },
  });

function runScript(commands: BatchCommand[], maxBytes = 1024 * 1024): ReturnType<typeof parseBatchOutput> {
  const r = spawnSync('bash', ['-c', BATCH_SCRIPT, 'test', ...batchArgs('@B@', maxBytes, commands)], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return parseBatchOutput(r.stdout, '@B@', commands.length);
}

describe('the batch script', () => {
  it('keeps each command exit code, stdout and stderr apart and byte-exact', () => {
    const [a, b, c, d] = runScript([
      { argv: ['printf', 'no newline'], seconds: 2 },
      { argv: ['bash', '-c', 'echo out; echo err >&2; exit 3'], seconds: 2 },
      { argv: ['printf', '主备\n\n'], seconds: 2 },
      { argv: ['bash', '-c', 'cat; echo "[$1]"', 'x', 'two words'], seconds: 2 },
    ]);
    expect(a).toEqual({ exitCode: 0, stdout: 'no newline', stderr: '' });
    expect(b).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(c).toEqual({ exitCode: 0, stdout: '主备\n\n', stderr: '' });
    // stdin is empty (as in an exec without stdin), arguments with spaces stay one argument
    expect(d).toEqual({ exitCode: 0, stdout: '[two words]\n', stderr: '' });
  });

  it('runs the commands concurrently, each under its own timeout', () => {
    const t = performance.now();
    const [slow, quick] = runScript([
      { argv: ['sleep', '30'], seconds: 1 },
      { argv: ['bash', '-c', 'sleep 0.5; echo done'], seconds: 5 },
    ]);
    expect(performance.now() - t).toBeLessThan(4000);
    expect(slow?.exitCode).toBe(124);
    expect(quick).toEqual({ exitCode: 0, stdout: 'done\n', stderr: '' });
  });

  it('reports a missing program as exit 127 and cuts output at the byte limit', () => {
    const [missing, big] = runScript(
      [
        { argv: ['no-such-program-here'], seconds: 1 },
        { argv: ['head', '-c', '100000', '/dev/zero'], seconds: 2 },
      ],
      5000,
    );
    expect(missing?.exitCode).toBe(127);
    expect(big?.stdout.length).toBe(5000);
  });

  it('maps commands without a frame to undefined', () => {
    expect(parseBatchOutput('@B@ 1 0 o\nhello@B@ 1 0 e\n', '@B@', 3)).toEqual([undefined, { exitCode: 0, stdout: 'hello', stderr: '' }, undefined]);
    expect(parseBatchOutput('garbage', '@B@', 1)).toEqual([undefined]);
  });
});

describe('probeIn', () => {
  it('sends readings of one container made together as one exec, and stays a plain exec outside a batch', async () => {
    calls.length = 0;
    const [x, y, z] = await withExecBatching(() =>
      Promise.all([probeIn(containerHandle('lb01'), ['echo', 'one']), probeIn(containerHandle('lb01'), ['bash', '-c', 'echo two >&2; exit 4']), probeIn(containerHandle('lb02'), ['echo', 'three'])]),
    );
    expect(x).toMatchObject({ exitCode: 0, stdout: 'one\n', stderr: '' });
    expect(y).toMatchObject({ exitCode: 4, stdout: '', stderr: 'two\n' });
    expect(z).toMatchObject({ exitCode: 0, stdout: 'three\n' });
    expect(calls.map((c) => c.container).sort()).toEqual(['lb01', 'lb02']);
    expect(calls.find((c) => c.container === 'lb02')?.argv).toEqual(['echo', 'three']);

    calls.length = 0;
    await Promise.all([probeIn(containerHandle('lb01'), ['true']), probeIn(containerHandle('lb01'), ['true'])]);
    expect(calls).toHaveLength(2);
  });

  it('batches only readings asked for in the same turn', async () => {
    calls.length = 0;
    await withExecBatching(async () => {
      await probeIn(containerHandle('lb01'), ['true']);
      await probeIn(containerHandle('lb01'), ['true']);
    });
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.argv[0] === 'true')).toBe(true);
  });
});
