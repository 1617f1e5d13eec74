// The project's own source files (TypeScript of the engine, the UI and the shared code), relative to its root.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';

export function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectRoot(), dir), { withFileTypes: true }).flatMap((e) => {
    const rel = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(c?ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}
