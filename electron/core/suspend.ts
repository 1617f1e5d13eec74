// Suspending a lab frees its memory and CPU but keeps everything inside it: its nodes are stopped as by a
// power cut (their files stay in their containers), their helpers removed; resuming boots the nodes again,
// in the pack's order, and gives them new helpers, as the "start node" fault does. A classroom suspends the
// labs nobody works on and resumes one when its learner comes back.
import { applyFault } from '../checks/actions.js';
import type { RunningLab } from '../topology/manager.js';
import { runningLab, withLabLock } from './labAccess.js';

async function stoppedNodes(lab: RunningLab): Promise<string[]> {
  const states = await Promise.all(lab.nodes.map(async (n) => ({ node: n.name, running: (await lab.container(n.name).inspect())?.running ?? false })));
  return states.filter((s) => !s.running).map((s) => s.node);
}

/** Whether some node of the running lab is stopped (suspended, or a node the learner powered off). */
export async function isSuspended(instance: string): Promise<boolean> {
  const lab = await runningLab(instance);
  return (await stoppedNodes(lab)).length === lab.nodes.length;
}

export function suspendLab(instance: string): Promise<void> {
  return withLabLock(instance, async () => {
    const lab = await runningLab(instance);
    await Promise.all(lab.nodes.map((n) => lab.container(n.name).kill('SIGKILL')));
    // The helpers lived in the nodes' namespaces: resuming makes new ones.
    const helpers = [...lab.nodes.map((n) => lab.sysctlHelper(n.name)), ...[lab.observer()?.container].filter((c) => c !== undefined)];
    await Promise.all(helpers.map((h) => h.remove().catch(() => undefined)));
  });
}

/** Starts every stopped node again, in the pack's order; a lab whose nodes all run is left as it is. */
export function resumeLab(instance: string): Promise<RunningLab> {
  return withLabLock(instance, async () => {
    const lab = await runningLab(instance);
    for (const node of await stoppedNodes(lab)) await applyFault(lab, 'start_node', node);
    return lab;
  });
}
