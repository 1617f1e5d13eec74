// The pack author's side of the command line without containers: `exec`'s argv after `--`, imported packs
// marked in `halab labs` and unpacked with ordinary modes, and the current step after `solve --step N`.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../../electron/cli/context.js';
import { exportPack, importPack } from '../../electron/labs/packZip.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { currentStepIndex } from '../../electron/core/grading.js';
import { markSolved } from '../../electron/progress/progressStore.js';
import { projectRoot } from '../../electron/util/paths.js';
import { writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

function cli(args: string[], home: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, HALAB_HOME: home, NO_COLOR: '1', HALAB_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...env },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('halab exec: the command line', () => {
  it("keeps everything after -- as the command's argv, its options included", () => {
    const parsed = parseCommandLine(['exec', 'lab', 'lb01', '--json', '--timeout', '5', '--', 'bash', '-c', 'echo -n --json', '-h']);
    expect(parsed.values).toMatchObject({ json: true, timeout: '5', help: false });
    expect(parsed.rest).toEqual(['bash', '-c', 'echo -n --json', '-h']);
    expect(parsed.positionals).toEqual(['exec', 'lab', 'lb01', 'bash', '-c', 'echo -n --json', '-h']);
    expect(parseCommandLine(['status']).rest).toBeUndefined();
    expect(parseCommandLine(['exec', 'lab', 'lb01', '--']).rest).toEqual([]);
  });

  it('answers a command typed wrongly with the usage and exit 2, before looking for the lab', () => {
    const home = makeTempDir('halab-exec-usage-');
    const noCommand = cli(['exec', 'lab', 'lb01'], home);
    expect(noCommand.status).toBe(2);
    expect(noCommand.stderr).toMatch(/put the command after --/);
    expect(cli(['exec', 'lab', 'lb01', 'ip', '--', 'a'], home).stderr).toMatch(/unexpected "ip": put the command after --/);
    expect(cli(['exec', 'lab', '--', 'ip', 'a'], home).stderr).toMatch(/missing a node name/);
    expect(cli(['exec', 'lab', 'lb01', '--timeout', '3601', '--', 'true'], home).stderr).toMatch(/--timeout must be a whole number of seconds from 1 to 3600/);
    expect(cli(['exec', 'lab', 'lb01', '--timeout', '0', '--', 'true'], home).status).toBe(2);
  }, 60_000);
});

describe('imported packs', () => {
  it('are marked in the text of halab labs, and flagged in its JSON', async () => {
    const home = makeTempDir('halab-labs-');
    await cp(await writePack(), join(home, 'packs', 'tiny'), { recursive: true });
    const text = cli(['labs'], home);
    expect(text.stdout).toMatch(/^tiny .* Tiny \[imported\]$/m);
    expect(text.stdout).toMatch(/^vrrp-pair .* The first VRRP pair$/m);
    expect(cli(['labs', '--lang', 'zh-CN'], home).stdout).toMatch(/^tiny .* 小实验 \[已导入\]$/m);
    const rows = JSON.parse(cli(['labs', '--json'], home).stdout) as { id: string; imported: boolean }[];
    expect(rows.find((r) => r.id === 'tiny')?.imported).toBe(true);
    expect(rows.find((r) => r.id === 'vrrp-pair')?.imported).toBe(false);
  }, 60_000);

  it('are unpacked with 0755 folders and 0644 files, whatever the umask and the staging folder had', async () => {
    const zip = join(makeTempDir('halab-modes-zip-'), 'tiny.zip');
    await exportPack(await writePack(), zip);
    const dest = makeTempDir('halab-modes-dest-');
    const previous = process.umask(0o077);
    try {
      const pack = await importPack(zip, dest);
      const mode = async (rel: string): Promise<string> => ((await stat(join(pack.dir, rel))).mode & 0o777).toString(8);
      expect(await Promise.all(['.', 'steps', 'files', 'lab.yaml', 'steps/en.md', 'files/keepalived.conf'].map(mode))).toEqual(['755', '755', '755', '644', '644', '644']);
    } finally {
      process.umask(previous);
    }
  });
});

describe('halab solve --step N', () => {
  it('leaves the learner on step N+1: the current step is the first neither earned nor solved', async () => {
    process.env.HALAB_HOME = makeTempDir('halab-solve-');
    const { manifest } = await loadPack(join(projectRoot(), 'labs', 'vrrp-pair'));
    expect(await currentStepIndex(manifest)).toBe(0);
    // What cmdSolve records for --step 2.
    await markSolved(
      manifest.id,
      manifest.steps.slice(0, 2).map((s) => s.id),
    );
    expect(await currentStepIndex(manifest)).toBe(2);
  });
});
