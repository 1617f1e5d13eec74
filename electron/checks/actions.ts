// Actions a step's solution (and later the app's fault buttons) can take on a running lab.
import { serviceName, type ActionSpec, type FaultKind, type ServiceName, type StepSpec } from '../labs/schema.js';
import type { RunningLab } from '../topology/manager.js';
import { startNode, startObserver, startSysctlHelper } from '../topology/nodeStart.js';
import { makeTar } from '../docker/tar.js';
import { ensureImage } from '../image/buildImage.js';
import { wantsSysctlHelper } from '../topology/containerSpec.js';
import { UserError } from '../util/errors.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function mustSucceed(what: string, res: { exitCode: number; stdout: string; stderr: string }, expectExit = 0): void {
  if (res.exitCode !== expectExit) {
    throw new UserError(`${what} exited ${res.exitCode} (expected ${expectExit}): ${(res.stderr || res.stdout).trim().slice(0, 500)}`);
  }
}

export async function applyFault(lab: RunningLab, fault: FaultKind, node: string, service?: ServiceName): Promise<void> {
  const c = lab.container(node);
  const needService = (): ServiceName => {
    if (!service) {
      throw new UserError(`${fault} needs a service: one of ${serviceName.options.join(', ')}.`, {
        fix: `halab fault takes --service ${serviceName.options[0]}; a solution's action takes service: ${serviceName.options[0]}`,
      });
    }
    return service;
  };
  switch (fault) {
    case 'stop_service':
      mustSucceed(`systemctl stop ${needService()} on ${node}`, await c.exec(['systemctl', 'stop', needService()], { timeoutMs: 15000 }));
      return;
    case 'start_service':
      mustSucceed(`systemctl start ${needService()} on ${node}`, await c.exec(['systemctl', 'start', needService()], { timeoutMs: 15000 }));
      return;
    case 'kill_node':
      // SIGKILL: a crash, no priority-0 advert. The node's sysctl helper dies with its namespace.
      await c.kill('SIGKILL');
      return;
    case 'start_node': {
      if ((await c.inspect())?.running) return;
      const spec = lab.nodes.find((n) => n.name === node);
      // The helper died with the old network namespace: a new one joins the new namespace before the node's
      // init applies its boot sysctls through it. The old one is found by its labels, never by its name.
      await startNode(c, async () => {
        if (!spec || !wantsSysctlHelper(spec)) return;
        await lab
          .sysctlHelper(node)
          .remove()
          .catch(() => undefined);
        await startSysctlHelper(lab.record.instance, lab.record.lab, spec, await ensureImage());
      });
      // The observer was in the old namespace too: a new one records from the new one on.
      const observer = lab.observer();
      if (spec && observer?.node === node) {
        await observer.container.remove().catch(() => undefined);
        await startObserver(lab.record.instance, lab.record.lab, spec, await ensureImage());
      }
      return;
    }
    case 'block_vrrp':
      mustSucceed(`blocking VRRP on ${node}`, await c.exec(['iptables', '-I', 'INPUT', '-p', 'vrrp', '-j', 'DROP'], { timeoutMs: 5000 }));
      return;
    case 'restore_network':
      // Removes every copy of the rule block_vrrp inserts, leaving the learner's other rules alone.
      mustSucceed(`restoring VRRP on ${node}`, await c.exec(['bash', '-c', 'while iptables -D INPUT -p vrrp -j DROP 2>/dev/null; do :; done; exit 0'], { timeoutMs: 5000 }));
  }
}

export async function applyAction(lab: RunningLab, action: ActionSpec): Promise<void> {
  if ('sleep' in action) return sleep(action.sleep * 1000);
  if ('fault' in action) return applyFault(lab, action.fault, action.node, action.service);
  const res = await lab.container(action.node).exec(['bash', '-c', action.run], { timeoutMs: 60000 });
  mustSucceed(`\`${action.run}\` on ${action.node}`, res, action.expect_exit ?? 0);
}

/** Writes a step's solution files into the nodes, then runs its actions in order. */
export async function applySolution(lab: RunningLab, step: StepSpec): Promise<void> {
  const byNode = new Map<string, { path: string; content: string; mode: number }[]>();
  for (const f of step.solution.files) {
    const list = byNode.get(f.node) ?? [];
    list.push({ path: f.path, content: await lab.pack.readText(f.source), mode: parseInt(f.mode, 8) });
    byNode.set(f.node, list);
  }
  await Promise.all([...byNode.entries()].map(([node, files]) => lab.container(node).putArchive(makeTar(files), '/')));
  for (const action of step.solution.run) await applyAction(lab, action);
}

/**
 * Applies the reference solutions of steps[from..to) in order, on one lab. The self-test, `halab solve`,
 * `halab up --from-step` and the app's "start from this step" all go through here.
 */
export async function applySolutions(lab: RunningLab, to: number, opts: { from?: number; onStep?: (index: number, step: StepSpec) => void } = {}): Promise<void> {
  const steps = lab.pack.manifest.steps;
  for (let i = opts.from ?? 0; i < Math.min(to, steps.length); i++) {
    const step = steps[i];
    if (!step) break;
    opts.onStep?.(i, step);
    await applySolution(lab, step);
  }
}
