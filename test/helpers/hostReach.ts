// Reading the host side of a lab's isolation in tests: the host firewall's halab rules (iptables-save) and
// capability masks from /proc/<pid>/status turned into names.
import { spawnSync } from 'node:child_process';

/** Capability numbers to names (linux/capability.h), for the ones Docker can grant. */
const CAPS = [
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
];

/** The names of the capabilities set in a hex mask such as CapEff's. */
export function capabilityNames(hex: string): string[] {
  const mask = BigInt(`0x${hex || '0'}`);
  return CAPS.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

/** True when this process can read the host's iptables rules (root on the Docker host). */
export function iptablesUsable(): boolean {
  return spawnSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' }).status === 0;
}

/** How many IPv4 and IPv6 filter rules carry the lab's comment halab:<home>:<instance>. */
export function firewallRuleCount(home: string, instance: string): number {
  const tag = `halab:${home}:${instance}`;
  return ['iptables-save', 'ip6tables-save']
    .map((cmd) => spawnSync(cmd, ['-t', 'filter'], { encoding: 'utf8' }).stdout ?? '')
    .join('\n')
    .split('\n')
    .filter((line) => line.includes(`"${tag}"`) || line.includes(` ${tag} `)).length;
}
