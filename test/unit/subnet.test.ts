import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseSubnet, hostRoutes, overlaps, parseCidr } from '../../electron/topology/subnet.js';
import { makeRemapper, mapStrings } from '../../electron/labs/remap.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('subnets', () => {
  it('detects overlaps between CIDRs of different sizes', () => {
    const a = parseCidr('10.0.0.0/24');
    const b = parseCidr('10.0.0.0/8');
    const c = parseCidr('10.0.1.0/24');
    if (!a || !b || !c) throw new Error('parse failed');
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(a, c)).toBe(false);
  });

  it('keeps the wanted subnet when free and picks a fallback when taken', () => {
    expect(chooseSubnet('10.0.0.0/24', [])).toBe('10.0.0.0/24');
    const taken = [parseCidr('10.0.0.0/16'), parseCidr('10.213.0.0/24')].filter((c) => c !== undefined);
    expect(chooseSubnet('10.0.0.0/24', taken)).toBe('10.213.1.0/24');
    expect(chooseSubnet('10.0.0.0/24', taken, new Set(['10.213.1.0/24']))).toBe('10.213.2.0/24');
  });

  it('rewrites addresses of the subnet only, keeping the host part', () => {
    const remap = makeRemapper('10.0.0.0/24', '10.213.4.0/24');
    expect(remap('vip 10.0.0.3 and 10.0.0.254; not 110.0.0.5 nor 10.0.0.1234 nor 1.10.0.0.5')).toBe('vip 10.213.4.3 and 10.213.4.254; not 110.0.0.5 nor 10.0.0.1234 nor 1.10.0.0.5');
    expect(mapStrings({ a: ['10.0.0.5', 7], b: { c: 'http://10.0.0.3/' } }, remap)).toEqual({ a: ['10.213.4.5', 7], b: { c: 'http://10.213.4.3/' } });
  });

  it('reads host routes from /proc/net/route format, ignoring the default route', async () => {
    const dir = makeTempDir('halab-route-');
    const file = join(dir, 'route');
    await writeFile(
      file,
      'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n' +
        'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n' +
        'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n',
    );
    const routes = await hostRoutes(file);
    expect(routes).toEqual([parseCidr('192.0.2.0/24')]);
  });
});
