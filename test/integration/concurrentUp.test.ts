// Labs started at the same moment (a class pressing Start together) each get a network of their own:
// before, they all chose the same free subnet and all but one failed with E_SUBNET.
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { down, up } from '../../electron/topology/manager.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';

const INSTANCES = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `it-many-${process.pid}-${n}`);

describe('labs started at once', () => {
  afterAll(async () => {
    for (const i of INSTANCES) await down(i);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 120_000);

  it('each get their own subnet', async () => {
    isolateHome();
    await requireDockerAndImage();
    const pack = await loadPack(FIXTURE_PAIR);
    // Every start settles before the verdict, so that cleaning up finds everything a start made.
    const started = await Promise.allSettled(INSTANCES.map((instance) => up(pack, { instance })));
    expect(started.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    const subnets = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value.record.subnet] : []));
    expect(new Set(subnets).size).toBe(INSTANCES.length);
  }, 180_000);
});
