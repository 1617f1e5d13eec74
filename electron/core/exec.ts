// A non-interactive command in a running lab's node (`halab exec`): what a pack author types to try a check's
// command or a solution line, with the node found by its labels as everywhere else.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { UserError } from '../util/errors.js';
import { requireNode, runningLab } from './labAccess.js';
import type { RunningLab } from '../topology/manager.js';

export const DEFAULT_EXEC_SECONDS = 60;
export const MAX_EXEC_SECONDS = 3600;
/** Per stream: a command that prints more is cut there, and the result says so. */
export const MAX_EXEC_OUTPUT_BYTES = 16 * 1024 * 1024;

export interface NodeExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The time limit ended the command (exit code 124, as coreutils `timeout` gives). */
  timedOut: boolean;
  /** The streams that printed more than MAX_EXEC_OUTPUT_BYTES and were cut. */
  truncated: ('stdout' | 'stderr')[];
}

/** The node's container when it runs; else why not, and how to get it back. */
export async function runningNode(lab: RunningLab, node: string): Promise<{ container: ContainerHandle; id: string }> {
  requireNode(lab, node);
  const instance = lab.record.instance;
  const container = lab.container(node);
  const state = await container.inspect();
  if (!state) throw new UserError(`The container of node "${node}" is gone.`, { fix: `Reset the lab: halab down ${instance} && halab up ${instance}`, code: 'E_NODE_MISSING' });
  if (!state.running) throw new UserError(`Node "${node}" is stopped.`, { fix: `Start it again: halab fault ${instance} start_node ${node}`, code: 'E_NODE_STOPPED' });
  return { container, id: state.id };
}

/** Cuts text to at most `max` bytes of UTF-8; true when something was cut. */
function bounded(text: string, max: number): { text: string; cut: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return { text, cut: false };
  // A character split at the edge decodes as U+FFFD, which is dropped rather than shown.
  return {
    text: bytes
      .subarray(0, max)
      .toString('utf8')
      .replace(/\uFFFD$/, ''),
    cut: true,
  };
}

/** Runs argv (no shell: give `bash -c '...'` for one) as root in the node, within timeoutSeconds. */
export async function execInNode(instance: string, node: string, argv: string[], opts: { timeoutSeconds?: number; maxBytes?: number } = {}): Promise<NodeExecResult> {
  if (!argv.length) throw new UserError('There is no command to run.');
  const seconds = Math.min(opts.timeoutSeconds ?? DEFAULT_EXEC_SECONDS, MAX_EXEC_SECONDS);
  const max = opts.maxBytes ?? MAX_EXEC_OUTPUT_BYTES;
  const lab = await runningLab(instance);
  const { container } = await runningNode(lab, node);
  // One byte over the bound tells a cut stream from one that filled it exactly.
  const res = await container.exec(argv, { timeoutMs: seconds * 1000, maxBytes: max + 1 });
  const stdout = bounded(res.stdout, max);
  const stderr = bounded(res.stderr, max);
  return {
    exitCode: res.exitCode,
    stdout: stdout.text,
    stderr: stderr.text,
    // A command may exit 124 of its own accord: only one that ran the whole time was stopped by the limit.
    timedOut: res.exitCode === 124 && res.ms >= seconds * 1000 - 500,
    truncated: [...(stdout.cut ? ['stdout' as const] : []), ...(stderr.cut ? ['stderr' as const] : [])],
  };
}
