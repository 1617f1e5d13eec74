// halab exec <lab> <node> -- <command...>: one command in a node, its output and exit code passed through.
import { DEFAULT_EXEC_SECONDS, execInNode, MAX_EXEC_OUTPUT_BYTES, MAX_EXEC_SECONDS } from '../core/exec.js';
import { dim } from './format.js';
import { UsageError, type Cli } from './context.js';

function timeoutSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_EXEC_SECONDS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_EXEC_SECONDS) throw new UsageError(`--timeout must be a whole number of seconds from 1 to ${MAX_EXEC_SECONDS}`);
  return n;
}

/** The process exits with the command's own exit code (124 when the time limit stopped it). */
export async function cmdExec(cli: Cli, instance: string, node: string, argv: string[] | undefined): Promise<number> {
  if (!argv?.length) throw new UsageError('put the command after --, e.g. halab exec <lab> <node> -- ip -4 addr show eth0');
  const seconds = timeoutSeconds(cli.opts.timeout);
  const res = await execInNode(instance, node, argv, { timeoutSeconds: seconds });
  const notes = [
    ...(res.timedOut ? [`halab exec: stopped after ${seconds} s (--timeout), exit code 124`] : []),
    ...res.truncated.map((stream) => `halab exec: ${stream} cut at ${MAX_EXEC_OUTPUT_BYTES / 1024 / 1024} MiB`),
  ];
  cli.emit({ exitCode: res.exitCode, stdout: res.stdout, stderr: res.stderr, timedOut: res.timedOut, truncated: res.truncated }, () => {
    process.stdout.write(res.stdout);
    process.stderr.write(res.stderr);
  });
  for (const note of notes) process.stderr.write(`${dim(note)}\n`);
  return res.exitCode;
}
