// The host firewall fence of a lab network, its pure parts: which rules a lab gets and
// how its own rules are recognised in iptables-save output, never another home's or anyone else's.
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeOf, fenceBridge, fenceLabNetwork, fenceRules, fenceTag, ownedRules } from '../../electron/topology/hostFirewall.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe('lab network fence', () => {
  it('drops what the bridge sends to the host, out of it, and what is routed into it', () => {
    const tag = fenceTag('vrrp-pair', 'abc123def456');
    expect(tag).toBe('halab:abc123def456:vrrp-pair');
    expect(bridgeOf('0123456789abcdef0123')).toBe('br-0123456789ab');
    const mark = ['-m', 'comment', '--comment', tag, '-j', 'DROP'];
    expect(fenceRules('br-0123456789ab', tag, 'DOCKER-USER')).toEqual([
      ['-I', 'INPUT', '-i', 'br-0123456789ab', ...mark],
      ['-I', 'DOCKER-USER', '-i', 'br-0123456789ab', '!', '-o', 'br-0123456789ab', ...mark],
      ['-I', 'DOCKER-USER', '!', '-i', 'br-0123456789ab', '-o', 'br-0123456789ab', ...mark],
    ]);
  });

  it('finds its own rules in iptables-save output (quoted or not) and how to delete each', () => {
    const saved = [
      '*filter',
      ':INPUT ACCEPT [0:0]',
      '-A INPUT -i br-0123456789ab -m comment --comment "halab:abc123def456:vrrp-pair" -j DROP',
      '-A DOCKER-USER -i br-0123456789ab ! -o br-0123456789ab -m comment --comment halab:abc123def456:vrrp-pair -j DROP',
      '-A INPUT -i br-ffff -m comment --comment "someone else" -j DROP',
      '-A INPUT -i eth0 -j ACCEPT',
      'COMMIT',
    ].join('\n');
    expect(ownedRules(saved)).toEqual([
      { home: 'abc123def456', instance: 'vrrp-pair', deleteArgv: ['-D', 'INPUT', '-i', 'br-0123456789ab', '-m', 'comment', '--comment', 'halab:abc123def456:vrrp-pair', '-j', 'DROP'] },
      {
        home: 'abc123def456',
        instance: 'vrrp-pair',
        deleteArgv: ['-D', 'DOCKER-USER', '-i', 'br-0123456789ab', '!', '-o', 'br-0123456789ab', '-m', 'comment', '--comment', 'halab:abc123def456:vrrp-pair', '-j', 'DROP'],
      },
    ]);
  });
});

describe('when the host firewall cannot be changed', () => {
  it('says the bridge is not on this machine (engine in a VM, remote or rootless)', async () => {
    expect(await fenceLabNetwork('vrrp-pair', 'ffffffffffffnothere')).toEqual({
      fenced: false,
      reason: "the lab network's bridge br-ffffffffffff is not on this machine (the container engine runs in a VM, remotely or rootless)",
    });
  });

  it('says iptables is not installed, touching nothing', async () => {
    process.env.PATH = makeTempDir('halab-no-iptables-');
    expect(await fenceBridge('br-0123456789ab', fenceTag('vrrp-pair', 'abc123def456'))).toEqual({ fenced: false, reason: 'iptables is not installed on this machine' });
  });
});
