import { describe, expect, it } from 'vitest';
import { failoverFloorsMs } from '../../common/protocol/floors.js';
import { floorTiming, toVrrpV3, vrrpTiming } from '../bench/vrrpPack.js';
import { memoryInUseBytes } from '../bench/memoryUsage.js';
import { spread } from '../bench/stats.js';

const LB02 = `! lb02
global_defs {
    router_id lb02
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 50
    priority 100
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        10.0.0.3
    }
}
`;

describe('benchmark parts', () => {
  it('rewrites a keepalived.conf for VRRPv3 with a sub-second advert interval', () => {
    const v3 = toVrrpV3(LB02, 0.1);
    expect(v3).toMatch(/global_defs \{\n {4}vrrp_version 3\n {4}router_id lb02/);
    expect(v3).toMatch(/^ {4}advert_int 0\.1$/m);
    expect(v3).not.toMatch(/authentication|auth_pass/);
    expect(v3).toMatch(/virtual_ipaddress \{\n {8}10\.0\.0\.3/);
    expect(vrrpTiming(v3)).toEqual({ version: 3, priority: 100, advertIntS: 0.1 });
    expect(toVrrpV3('vrrp_instance VI_1 {\n    advert_int 1\n}\n', 0.1)).toMatch(/^global_defs \{\n {4}vrrp_version 3\n\}/);
  });

  it('derives the protocol floors: skew in v2, scaled skew in v3, 3 adverts plus skew for a crash', () => {
    const v2 = failoverFloorsMs(floorTiming(vrrpTiming(LB02)));
    expect(v2.skewMs).toBeCloseTo(609.375, 3);
    expect(v2.gracefulMs).toBeCloseTo(609.375, 3);
    expect(v2.crashMs).toBeCloseTo(3609.375, 3);
    // VRRPv2's skew ignores the interval; only the crash floor grows with it.
    const v2slow = failoverFloorsMs({ version: 2, priority: 100, intervalMs: 3000 });
    expect(v2slow.skewMs).toBeCloseTo(609.375, 3);
    expect(v2slow.crashMs).toBeCloseTo(9609.375, 3);
    const v3 = failoverFloorsMs({ version: 3, priority: 100, intervalMs: 100 });
    expect(v3.gracefulMs).toBeCloseTo(60.9375, 3);
    expect(v3.crashMs).toBeCloseTo(360.9375, 3);
    expect(failoverFloorsMs({ version: 3, priority: 254, intervalMs: 1000 }).skewMs).toBeCloseTo(7.8125, 4);
  });

  it('computes memory in use as the docker CLI does', () => {
    expect(memoryInUseBytes({ usage: 1000, stats: { total_inactive_file: 300, inactive_file: 100 } })).toBe(700);
    expect(memoryInUseBytes({ usage: 1000, stats: { inactive_file: 100 } })).toBe(900);
    expect(memoryInUseBytes({ usage: 1000, stats: { total_inactive_file: 5000, inactive_file: 100 } })).toBe(900);
    expect(memoryInUseBytes({ usage: 1000 })).toBe(1000);
  });

  it('reports min, a measured median and max', () => {
    expect(spread([5, 1, 3, 4])).toEqual({ min: 1, median: 3, max: 5, n: 4 });
    expect(spread([]).n).toBe(0);
  });
});
