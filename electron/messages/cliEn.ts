// cli.*: what `halab` prints for people, in English (zh-CN in cliZhCN.ts, same keys and parameters). The
// --json output, usage text and engine errors are not here: they are for machines, and stay English.
/** The fields a protocol row can change (common/protocol/streamRows.ts), in keepalived's and tcpdump's words. */
const FIELD_EN: Record<string, string> = {
  version: 'version',
  priority: 'priority',
  intervalMs: 'advert_int',
  auth: 'auth_type',
  src: 'source address',
  vips: 'VIPs',
  senderIp: 'sender address',
  senderMac: 'sender MAC',
  from: 'sender',
};

export const cliEn = {
  'cli.column.lab': () => 'LAB',
  'cli.column.progress': () => 'PROGRESS',
  'cli.column.title': () => 'TITLE',
  'cli.column.node': () => 'NODE',
  'cli.column.address': () => 'ADDRESS',
  'cli.column.role': () => 'ROLE',
  'cli.labs.invalid': () => 'invalid',
  'cli.labs.progress': (p: { earned: number; steps: number; solved: number }) =>
    `${p.steps ? Math.round((100 * p.earned) / p.steps) : 0}% (${p.earned}/${p.steps}${p.solved ? `, ${p.solved} solved` : ''})`,

  'cli.up.interrupted': () => '[up] interrupted: removing what was created',
  'cli.up.checkpointStep': (p: { step: number; total: number }) => `[up] step ${p.step} of ${p.total}: applying the reference solution`,
  'cli.up.started': (p: { instance: string; seconds: number; subnet: string }) => `up ${p.instance} in ${p.seconds.toFixed(1)} s on ${p.subnet}`,
  'cli.up.alreadyRunning': (p: { instance: string; subnet: string }) => `${p.instance} is already running on ${p.subnet}`,
  'cli.up.fromStep': (p: { solved: number }) => `Steps 1-${p.solved} are done with the reference solution (marked solved, not earned): start at step ${p.solved + 1}.`,
  'cli.up.next': (p: { instance: string; node: string }) => `Open a node: halab shell ${p.instance} ${p.node}    Grade your work: halab check ${p.instance}`,

  'cli.status.swept': (p: { names: readonly string[] }) => `removed leftovers of an interrupted run: ${p.names.join(', ')}`,
  'cli.status.none': () => 'No lab is running. Start one: halab up <lab> (see halab labs)',
  'cli.down.removed': (p: { containers: number; networks: number }) => `Removed ${p.containers} containers and ${p.networks} networks.`,

  'cli.steps.heading': (p: { lab: string; step: number; of: number; title: string }) => `${p.lab}: step ${p.step}/${p.of} ${p.title}`,
  'cli.steps.earned': () => 'earned',
  'cli.steps.solved': () => 'done with the solution',
  'cli.steps.next': (p: { instance: string }) => `When done: halab check ${p.instance}`,

  'cli.check.step': (p: { step: number; title: string }) => `step ${p.step}: ${p.title}`,
  'cli.check.expected': () => 'expected: ',
  'cli.check.seen': () => 'seen: ',
  'cli.check.hint': () => 'hint: ',
  'cli.solve.step': (p: { step: number; title: string }) => `[solve] step ${p.step}: ${p.title}`,
  'cli.solve.done': (p: { step: number }) => `Applied the reference solution through step ${p.step}.`,
  'cli.fault.done': (p: { fault: string; node: string }) => `${p.fault} on ${p.node}: done.`,
  'cli.mail.none': () => 'No mail.',
  'cli.labs.imported': () => 'imported',
  'cli.protocol.none': () => 'Nothing captured yet.',
  'cli.protocol.observer': (p: { node: string }) => `Captured in ${p.node}'s network namespace: every node's multicast and broadcast, and ${p.node}'s own traffic.`,
  'cli.protocol.advert': (p: { vrid: number; priority: number; version: number; auth: string; intervalMs: number; vips: string }) =>
    `advert VRID ${p.vrid} prio ${p.priority} VRRPv${p.version} auth ${p.auth} int ${(p.intervalMs / 1000).toFixed(2)} s [${p.vips}]`,
  'cli.protocol.garp': (p: { ip: string; mac: string }) => `gratuitous ARP ${p.ip} is at ${p.mac}`,
  'cli.protocol.arpRequest': (p: { target: string; sender: string }) => `ARP who-has ${p.target} tell ${p.sender}`,
  'cli.protocol.arpReply': (p: { ip: string; mac: string }) => `ARP reply ${p.ip} is at ${p.mac}`,
  'cli.protocol.probe': (p: { proto: string; what: string; src: string; dst: string }) => `${p.proto} ${p.what} ${p.src} -> ${p.dst}`,
  'cli.protocol.repeats': (p: { count: number; everyMs: number | null }) =>
    p.count > 1 ? `×${p.count}${p.everyMs !== null && p.everyMs >= 10 ? `, every ${(p.everyMs / 1000).toFixed(2)} s` : ''}` : '',
  'cli.protocol.changed': (p: { fields: readonly string[] }) => `changed: ${p.fields.map((f) => FIELD_EN[f] ?? f).join(', ')}`,

  'cli.testPack.gap': (p: { step: string; check: string; gapMs: number }) => `gap ${p.step}/${p.check}: ${(p.gapMs / 1000).toFixed(2)} s`,
  'cli.testPack.summary': (p: { lab: string; proven: number; total: number; seconds: number }) => `${p.lab}: ${p.proven}/${p.total} checks proven both ways in ${p.seconds} s`,
  'cli.pack.created': (p: { dir: string; id: string }) => `Created ${p.dir} (${p.id}). Next: halab pack lint ${p.dir} && halab test-pack ${p.dir}`,
  'cli.pack.lintFailed': () => 'lint failed',
  'cli.pack.lintPassed': (p: { warnings: number }) => `lint passed${p.warnings ? ` with ${p.warnings} warning(s)` : ''}`,
  'cli.pack.exported': (p: { zip: string; id: string; files: number }) => `Wrote ${p.zip}: ${p.id}, ${p.files} files`,
  'cli.pack.imported': (p: { id: string; dir: string }) => `Imported ${p.id} into ${p.dir}. Self-test it: halab test-pack ${p.id}`,
  'cli.image.alreadyBuilt': (p: { tag: string }) => `${p.tag} (already built)`,
};
