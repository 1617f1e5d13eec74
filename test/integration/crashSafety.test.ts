// Progress and learners' files survive SIGKILL in the middle of writes: 100 kills, never a torn file.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProgress } from '../../electron/progress/progressStore.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const KILLS = 100;

function runUntilKilled(home: string, file: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'test/helpers/writeLoop.ts'), file], {
      env: { ...process.env, HALAB_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.once('error', reject);
    child.once('exit', () => {
      resolve();
    });
  });
}

describe('crash safety of writes', () => {
  it(`survives ${KILLS} SIGKILLs during writes with every file whole`, { timeout: 600_000 }, async () => {
    const home = makeTempDir('halab-crash-');
    process.env.HALAB_HOME = home;
    const file = join(home, 'files', 'lab', 'lb01', 'etc', 'keepalived', 'keepalived.conf');
    for (let i = 0; i < KILLS; i++) {
      await runUntilKilled(home, file, (i * 7) % 40);
      const text = await readFile(file, 'utf8');
      const version = /END (\d+)\n$/.exec(text)?.[1];
      expect(version, `learner file torn after kill ${i + 1}`).toBeDefined();
      expect(text.split('\n').filter((l) => l.endsWith(`of version ${version ?? ''} 主备切换`))).toHaveLength(2000);
      const { progress, recovered } = await loadProgress();
      expect(recovered, `progress damaged after kill ${i + 1}`).toBeUndefined();
      expect(Object.keys(progress.labs.lab?.steps ?? {}).length).toBeGreaterThan(0);
    }
    // Temp files of interrupted writes may remain (named .*.tmp); they never replace the real file.
    const leftovers = (await readdir(join(home, 'files', 'lab', 'lb01', 'etc', 'keepalived'))).filter((n) => !n.endsWith('.tmp'));
    expect(leftovers).toEqual(['keepalived.conf']);
  });
});
