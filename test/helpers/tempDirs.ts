// Temporary folders for tests, removed when the test file ends: test/setup/mockElectron.ts (the setup file
// of every project) registers removeTempDirs() as the file's last afterAll, after the file's own hooks
// have stopped whatever wrote into them (hosts, labs, child processes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A new empty folder under the system's temp folder, named `<prefix>XXXXXX`. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder made by makeTempDir in this test file so far. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
