// The layers hold by tools, not by comments: the engine's type check has no DOM, the UI's has no Node, and
// common/ (shared by both) has neither; ESLint refuses an import across a layer the wrong way.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';

const root = projectRoot();
// Inside the tree, so that the probes resolve node_modules as the real code does; test-artifacts/ is ignored.
const probes = join(root, 'test-artifacts', 'layer-probes');
mkdirSync(probes, { recursive: true });

/** Type-checks one probe file with the compiler options of the given layer's tsconfig. */
function typeCheck(name: string, layerTsconfig: string, source: string): string {
  const file = join(probes, `${name}.ts`);
  writeFileSync(file, source);
  const config = join(probes, `${name}.tsconfig.json`);
  writeFileSync(config, JSON.stringify({ extends: relative(probes, join(root, layerTsconfig)), compilerOptions: { noEmit: true }, files: [`./${name}.ts`], include: [] }));
  const res = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { encoding: 'utf8' });
  return `${res.stdout}${res.stderr}`;
}

afterAll(() => { rmSync(probes, { recursive: true, force: true }); });

describe('layers', () => {
  it('the engine cannot use DOM globals', () => {
    expect(typeCheck('engine-window', 'tsconfig.json', 'export const href: string = window.location.href;\n')).toMatch(/Cannot find name 'window'/);
    expect(typeCheck('engine-ok', 'tsconfig.json', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toBe('');
  }, 60_000);

  it('the UI cannot import Node modules', () => {
    expect(typeCheck('ui-fs', 'renderer/tsconfig.json', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toMatch(/Cannot find module 'node:fs'/);
    expect(typeCheck('ui-ok', 'renderer/tsconfig.json', 'export const title = (): string => document.title;\n')).toBe('');
  }, 60_000);

  it('common/ can use neither', () => {
    const out = typeCheck('common-both', 'common/tsconfig.json', "import { readFileSync } from 'node:fs';\nexport const both = [readFileSync, window];\n");
    expect(out).toMatch(/Cannot find module 'node:fs'/);
    expect(out).toMatch(/Cannot find name 'window'/);
  }, 60_000);

  it('ESLint refuses wrong-way imports between electron/, renderer/ and common/', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    // Real files of each layer, linted with other contents (type-aware rules need a file the tsconfig knows).
    const lint = async (file: string, code: string): Promise<string[]> => {
      const [result] = await eslint.lintText(code, { filePath: join(root, file) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    };
    expect(await lint('renderer/lab/earned.ts', "import { docker } from '../../electron/docker/client.js';\nexport const d = docker;\n")).toEqual([
      expect.stringMatching(/through the API only/),
    ]);
    expect(await lint('electron/labs/catalog.ts', "import { render } from 'preact';\nexport const r = render;\n")).toEqual([expect.stringMatching(/UI libraries/)]);
    expect(await lint('common/labOrder.ts', "import type { LabPack } from '../electron/labs/loadPack.js';\nexport type P = LabPack;\n")).toEqual([
      expect.stringMatching(/depends on neither/),
    ]);
  }, 120_000);
});
