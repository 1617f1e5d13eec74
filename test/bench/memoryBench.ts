// Memory of a running lab at rest: every container of the instance (nodes and sysctl helpers), summed,
// as `docker stats` would show it. Sampled a few times, so the spread shows how steady it is.
import type { RunningLab } from '../../electron/topology/manager.js';
import { docker } from '../../electron/docker/client.js';
import { LABEL, ownedFilter } from '../../electron/docker/labels.js';
import { memoryInUseBytes } from './memoryUsage.js';
import { round, sleep, spread } from './stats.js';

const REST_MS = 5000;
const SAMPLES = 5;
const SAMPLE_EVERY_MS = 1000;
const MB = 1e6;

/** One reading of every container of the instance, in MB, keyed by node name (helpers as "<node>-sysctl"). */
async function sample(instance: string): Promise<Map<string, number>> {
  const d = docker();
  const containers = await d.listContainers({ filters: ownedFilter(instance) });
  const readings = await Promise.all(
    containers.map(async (c) => {
      const stats = await d.getContainer(c.Id).stats({ stream: false, 'one-shot': true });
      const node = c.Labels[LABEL.node] ?? c.Id.slice(0, 12);
      const role = c.Labels[LABEL.role];
      const key = role === 'sysctl-helper' ? `${node}-sysctl` : role === 'observer' ? `${node}-observer` : node;
      return [key, memoryInUseBytes(stats.memory_stats) / MB] as const;
    }),
  );
  return new Map(readings);
}

export async function memoryFigures(lab: RunningLab, log: (line: string) => void): Promise<Record<string, unknown>> {
  await sleep(REST_MS);
  const totals: number[] = [];
  const perNode = new Map<string, number[]>();
  for (let i = 0; i < SAMPLES; i++) {
    if (i > 0) await sleep(SAMPLE_EVERY_MS);
    const s = await sample(lab.record.instance);
    totals.push(
      round(
        [...s.values()].reduce((a, b) => a + b, 0),
        1,
      ),
    );
    for (const [k, mb] of s) perNode.set(k, [...(perNode.get(k) ?? []), mb]);
  }
  const expected = lab.nodes.length;
  const nodes = [...perNode.keys()].filter((k) => !k.endsWith('-sysctl') && !k.endsWith('-observer')).length;
  if (nodes !== expected) throw new Error(`memory read from ${nodes} nodes, the lab has ${expected}`);
  log(`idle memory: ${spread(totals).median} MB over ${perNode.size} containers`);
  return {
    lab_idle_rss_mb: spread(totals).median,
    lab_idle_rss_mb_spread: spread(totals),
    lab_idle_rss_containers: perNode.size,
    lab_idle_rss_mb_by_container: Object.fromEntries([...perNode.entries()].sort().map(([k, xs]) => [k, round(spread(xs).median, 1)])),
  };
}
