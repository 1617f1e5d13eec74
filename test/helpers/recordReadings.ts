// Records the readings test/unit/evaluate.test.ts grades on: runs the checks of test/fixtures/readings/checks.ts
// through the real probes against a live vrrp-pair lab, and writes every command a probe sent with the node's
// real answer to test/fixtures/readings/<scenario>.json. Run it again when a probe changes the command it sends
// (the unit test then fails with "no recording for ...").
//
//   HALAB_HOME=/tmp/rec node dist/electron/cli/halab.js up vrrp-pair --instance rec1
//   npx tsx test/helpers/recordReadings.ts rec1 fresh
//   HALAB_HOME=/tmp/rec node dist/electron/cli/halab.js solve rec1 --step 2      # lb01 MASTER, lb02 BACKUP
//   npx tsx test/helpers/recordReadings.ts rec1 pair
//   (client: ping -D -i 0.05 -w 6 10.0.0.3 > /tmp/power.ping &; lb01: systemctl stop keepalived; wait 6 s)
//   npx tsx test/helpers/recordReadings.ts rec1 failover
//   (lb01: write the files named in checks.ts, e.g. /tmp/empty-keepalived.conf)
//   npx tsx test/helpers/recordReadings.ts rec1 configs keepalivedEmptyConf keepalivedScriptConf
//   HALAB_HOME=/tmp/rec node dist/electron/cli/halab.js down rec1
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../electron/checks/evaluate.js';
import { runtime } from '../../electron/runtime/current.js';
import type { ContainerHandle, ExecOptions, ExecResult } from '../../electron/runtime/containerRuntime.js';
import { nodeContainerName } from '../../electron/topology/names.js';
import { projectRoot } from '../../electron/util/paths.js';
import { errorMessage } from '../../electron/util/errors.js';
import type { Recording, RecordingFile } from './fakeRuntime.js';
import { recordedChecks } from '../fixtures/readings/checks.js';

const NODES = ['lb01', 'lb02', 'web01', 'web02', 'web03', 'client'];

function recordingHandle(real: ContainerHandle, log: Recording[]): ContainerHandle {
  const exec = async (argv: string[], opts?: ExecOptions): Promise<ExecResult> => {
    try {
      const res = await real.exec(argv, opts);
      if (!log.some((r) => JSON.stringify(r.argv) === JSON.stringify(argv))) log.push({ argv, exitCode: res.exitCode, stdout: res.stdout, stderr: res.stderr });
      return res;
    } catch (err) {
      const statusCode = (err as { statusCode?: number }).statusCode;
      log.push({ argv, error: { message: errorMessage(err), ...(statusCode !== undefined ? { statusCode } : {}) } });
      throw err;
    }
  };
  return Object.assign(Object.create(real) as ContainerHandle, { exec });
}

async function main(): Promise<void> {
  const [instance, scenario, ...only] = process.argv.slice(2);
  if (!instance || !scenario) throw new Error('usage: recordReadings.ts <instance> <scenario> [check names...]');
  const logs = new Map<string, Recording[]>(NODES.map((n) => [n, []]));
  const lab = {
    nodes: NODES.map((name) => ({ name })),
    container: (node: string): ContainerHandle => recordingHandle(runtime().container(nodeContainerName(instance, node)), logs.get(node) ?? []),
  };
  // One check at a time: each probe's command goes out alone, as the fake will be asked for it.
  for (const [name, spec] of Object.entries(recordedChecks)) {
    if (only.length && !only.includes(name)) continue;
    const ev = await evaluate(lab, spec);
    process.stdout.write(`${name}: ${ev.passed ? 'pass' : 'fail'} | ${ev.seen.en}\n`);
  }
  // What the engine says when a container is gone: the runtime's own error.
  const gone: Recording[] = [];
  await recordingHandle(runtime().container(nodeContainerName(instance, 'gone')), gone)
    .exec(['true'])
    .catch(() => undefined);
  const file: RecordingFile = {
    scenario,
    recordedAt: new Date().toISOString(),
    lab: 'vrrp-pair 10.0.0.0/24',
    nodes: Object.fromEntries(logs),
    ...(scenario === 'fresh' ? { gone: gone[0] } : {}),
  };
  writeFileSync(join(projectRoot(), 'test/fixtures/readings', `${scenario}.json`), `${JSON.stringify(file, null, 1)}\n`);
}

await main();
