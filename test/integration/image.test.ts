// The lab image on real containers: the tutorials' commands work as written inside a node
// (containers/smoke-test.sh asserts each one and exits 0 only when all pass).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { containersDir } from '../../electron/util/paths.js';
import { imageSizeBytes } from '../../electron/image/buildImage.js';
import { requireDockerAndImage } from '../helpers/integration.js';

let tag: string;

describe('lab node image', () => {
  beforeAll(async () => {
    tag = await requireDockerAndImage();
  });

  it('passes the smoke test: systemctl, mail, sysctl via the helper, logs, VRRP failover', { timeout: 300_000 }, () => {
    const res = spawnSync('bash', [join(containersDir(), 'smoke-test.sh'), tag], { encoding: 'utf8', timeout: 280_000 });
    const summary = /smoke: (\d+) passed, (\d+) failed/.exec(res.stdout);
    expect(
      res.stdout.split('\n').filter((l) => l.startsWith('FAIL')),
      res.stderr,
    ).toEqual([]);
    expect(res.status).toBe(0);
    expect(Number(summary?.[1])).toBeGreaterThan(50);
    expect(Number(summary?.[2])).toBe(0);
  });

  it('stays within 200 MB', async () => {
    expect(await imageSizeBytes(tag)).toBeLessThan(200e6);
  });
});
