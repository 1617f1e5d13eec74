// `up` of lab 1 until the election is over (exactly one VIP holder), halab against the plain docker CLI,
// alternating in the same run so both see the same machine load.
import { remapPack } from '../../electron/labs/catalog.js';
import type { LabPack } from '../../electron/labs/loadPack.js';
import { down, up } from '../../electron/topology/manager.js';
import { holdersOf, readAddresses } from '../../electron/probes/addresses.js';
import { dockerCliDown, dockerCliHolders, dockerCliUp } from './dockerCliBaseline.js';
import { electingPack } from './vrrpPack.js';
import { round, spread, waitFor } from './stats.js';

const ELECTION_TIMEOUT_MS = 30_000;

export async function upFigures(lab1: LabPack, image: string, runs: number, tag: string, log: (line: string) => void): Promise<Record<string, unknown>> {
  const pack = electingPack(lab1);
  const ours: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    const inst = `${tag}-up-${i}`;
    let t = performance.now();
    let same = pack;
    try {
      const lab = await up(pack, { instance: inst });
      // The same subnet for both: if the pack's own is taken here, the baseline uses the remapped one too.
      same = remapPack(pack, lab.record.subnet);
      const vip = same.manifest.topology.vips[0] ?? '';
      await waitFor('one VIP holder after halab up', async () => holdersOf((await readAddresses(lab)).addresses, vip).length === 1, ELECTION_TIMEOUT_MS, 50);
      ours.push(performance.now() - t);
    } finally {
      await down(inst);
    }
    const cliInst = `${tag}-cli-${i}`;
    t = performance.now();
    try {
      await dockerCliUp(same, image, cliInst);
      const vip = same.manifest.topology.vips[0] ?? '';
      await waitFor('one VIP holder after docker CLI up', () => Promise.resolve(dockerCliHolders(same, cliInst, vip).length === 1), ELECTION_TIMEOUT_MS, 50);
      cli.push(performance.now() - t);
    } finally {
      dockerCliDown(same, cliInst);
    }
    log(`up ${i + 1}/${runs}: halab ${(ours[i] ?? 0).toFixed(0)} ms, docker CLI ${(cli[i] ?? 0).toFixed(0)} ms`);
  }
  const ratios = ours.map((o, i) => o / (cli[i] ?? NaN));
  return {
    up_ms: spread(ours.map((x) => round(x, 0))),
    up_docker_cli_ms: spread(cli.map((x) => round(x, 0))),
    up_vs_docker_ratio: round(spread(ours).median / spread(cli).median),
    up_vs_docker_ratio_spread: spread(ratios.map((x) => round(x))),
  };
}
