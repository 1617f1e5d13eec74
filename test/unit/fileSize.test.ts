// Small files with one purpose: no source file of the engine, the UI or the shared code grows past 350 lines
// (a file that does is doing more than one thing; split it by what it does).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';
import { sourceFiles } from '../helpers/sourceFiles.js';

const MAX_LINES = 350;
const root = projectRoot();

describe('source files', () => {
  it(`stay under ${MAX_LINES} lines`, () => {
    const files = ['electron', 'renderer', 'common'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const long = files.map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length })).filter((x) => x.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
