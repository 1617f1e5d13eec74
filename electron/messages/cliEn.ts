// cli.*: what `halab` prints for people, in English (zh-CN in cliZhCN.ts, same keys and parameters). The
// --json output, usage text and engine errors are not here: they are for machines, and stay English.
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

  'cli.testPack.gap': (p: { step: string; check: string; gapMs: number }) => `gap ${p.step}/${p.check}: ${(p.gapMs / 1000).toFixed(2)} s`,
  'cli.testPack.summary': (p: { lab: string; proven: number; total: number; seconds: number }) => `${p.lab}: ${p.proven}/${p.total} checks proven both ways in ${p.seconds} s`,
  'cli.pack.created': (p: { dir: string; id: string }) => `Created ${p.dir} (${p.id}). Next: halab pack lint ${p.dir} && halab test-pack ${p.dir}`,
  'cli.pack.lintFailed': () => 'lint failed',
  'cli.pack.lintPassed': (p: { warnings: number }) => `lint passed${p.warnings ? ` with ${p.warnings} warning(s)` : ''}`,
  'cli.pack.exported': (p: { zip: string; id: string; files: number }) => `Wrote ${p.zip}: ${p.id}, ${p.files} files`,
  'cli.pack.imported': (p: { id: string; dir: string }) => `Imported ${p.id} into ${p.dir}. Self-test it: halab test-pack ${p.id}`,
  'cli.image.alreadyBuilt': (p: { tag: string }) => `${p.tag} (already built)`,
};
