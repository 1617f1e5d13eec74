// Topology update after a VIP move: keepalived is stopped on the holder, and the figure runs from the VIP
// landing on the new holder, as that node's own address-event log (`ip -ts -o monitor address`, kept by
// the image) timestamps it, to the first animation frame after the topology view marks the new holder
// (topo-node-<node> with data-holds-vip="true"), taken from the page's clock. Nodes share the host's
// clock; the page's clock is compared with this process's clock before every run and corrected for.
import type { Page } from 'playwright-core';
import { applyFault } from '../../../electron/checks/actions.js';
import { readAddrEvents } from '../../../electron/probes/addrLog.js';
import type { RunningLab } from '../../../electron/topology/manager.js';
import { PAGE_EPOCH, TOPOLOGY_PROBE } from './pageProbes.js';
import { vipOf, waitForHolder } from './labSetup.js';
import { figure, spreadOf } from '../stats.js';

const UI_TIMEOUT_MS = 20_000;
const QUIET_MS = 1500;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface TopologyReading {
  domAt: number | null;
  frameAt: number | null;
}

/** Page clock minus this process's clock, from the tightest of a few round trips. */
export async function pageClockOffset(page: Page): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, uncertaintyMs: Infinity };
  for (let i = 0; i < 5; i++) {
    const before = performance.timeOrigin + performance.now();
    const inPage = await page.evaluate<number>(PAGE_EPOCH);
    const after = performance.timeOrigin + performance.now();
    const half = (after - before) / 2;
    if (half < best.uncertaintyMs) best = { offsetMs: inPage - (before + half), uncertaintyMs: half };
  }
  return best;
}

/** Waits until the view shows `holder` as the only VIP holder among lb01 and lb02. */
async function waitInUi(page: Page, holder: 'lb01' | 'lb02'): Promise<void> {
  const other = holder === 'lb01' ? 'lb02' : 'lb01';
  await page.locator(`[data-testid="topo-node-${holder}"][data-holds-vip="true"]`).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator(`[data-testid="topo-node-${other}"][data-holds-vip="false"]`).waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function measureTopologyUpdate(page: Page, lab: RunningLab, runs: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const vip = vipOf(lab);
  await page.getByTestId('ws-tab-topology').click();
  await waitInUi(page, 'lb01');
  await page.evaluate(TOPOLOGY_PROBE);
  const delays: number[] = [];
  const domDelays: number[] = [];
  const offsets: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const clock = await pageClockOffset(page);
    offsets.push(clock.offsetMs);
    const alreadyThere = await page.evaluate<boolean>('window.__uiBenchTopology.arm("lb02")');
    if (alreadyThere) throw new Error('the topology shows lb02 holding the VIP before the move');
    const reading = page.evaluate<TopologyReading>(`window.__uiBenchTopology.result(${UI_TIMEOUT_MS})`);
    const movedAfter = Date.now();
    await applyFault(lab, 'stop_service', 'lb01', 'keepalived');
    const seen = await reading;
    if (seen.frameAt === null || seen.domAt === null) throw new Error(`the topology did not show lb02 holding ${vip} within ${UI_TIMEOUT_MS / 1000} s`);
    const landed = (await readAddrEvents(lab, vip)).find((e) => e.node === 'lb02' && e.added && e.at >= movedAfter - 5);
    if (!landed) throw new Error(`lb02's address log has no arrival of ${vip} after the move`);
    const delay = seen.frameAt - clock.offsetMs - landed.at;
    delays.push(delay);
    domDelays.push(seen.domAt - clock.offsetMs - landed.at);
    log(
      `topology update ${r}/${runs}: ${delay.toFixed(0)} ms from ${vip} on lb02 (log ${new Date(landed.at).toISOString()}) to the frame showing it; page clock ${clock.offsetMs >= 0 ? '+' : ''}${clock.offsetMs.toFixed(1)} ± ${clock.uncertaintyMs.toFixed(1)} ms`,
    );

    // Back to the start: lb01 takes the VIP again (preemption), in the nodes and in the view, then quiet.
    await applyFault(lab, 'start_service', 'lb01', 'keepalived');
    await waitForHolder(lab, vip, 'lb01', 20_000);
    await waitInUi(page, 'lb01');
    await sleep(QUIET_MS);
  }
  return {
    ...figure('topology_update_ms', delays),
    topology_update_dom_ms_spread: spreadOf(domDelays),
    topology_page_clock_offset_ms: spreadOf(offsets, 2),
  };
}
