// The worked example of labs/README.md, examples/three-balancers: lint finds nothing, and the self-test proves
// every check both ways on real containers (three balancers, one VIP, priorities 150/120/100).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lintPack } from '../../electron/labs/lintPack.js';
import { projectRoot } from '../../electron/util/paths.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';

const PACK = join(projectRoot(), 'examples', 'three-balancers');

interface Report {
  passed: boolean;
  checksProven: number;
  checksTotal: number;
  defects: unknown[];
  gaps: { step: string; check: string; gapMs: number }[];
}

describe('examples/three-balancers', () => {
  const instance = `td-three-${process.pid}`;

  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  });

  afterAll(async () => {
    halab(['down', instance]);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });

  it('lints without a single finding', async () => {
    expect(await lintPack(PACK)).toEqual([]);
  });

  it('passes the self-test: every check fails before its solution and passes after it', { timeout: 420_000 }, () => {
    const res = halab(['test-pack', PACK, '--json', '--instance', instance]);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.defects).toEqual([]);
    expect([res.status, report.passed, report.checksProven, report.checksTotal]).toEqual([0, true, 20, 20]);
    // The graceful stop hands over to lb02, second in line, after its skew time: the gap is measured.
    expect(report.gaps.map((g) => `${g.step}/${g.check}`)).toEqual(['stop-master/vip-on-lb02']);
    process.stderr.write(`three-balancers: lb01 -> lb02 gap ${report.gaps[0]?.gapMs} ms\n`);
  });
});
