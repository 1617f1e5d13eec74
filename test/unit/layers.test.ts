// The layers hold by tools, not by comments: the engine's type check has no DOM, the UI's has no Node, and
// common/ (shared by both) has neither; ESLint refuses an import across a layer the wrong way.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Linter } from 'eslint';
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

afterAll(() => {
  rmSync(probes, { recursive: true, force: true });
});

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
    const { ESLint, Linter } = await import('eslint');
    const tsParser = (await import('@typescript-eslint/parser')) as Linter.Parser;
    const eslint = new ESLint({ cwd: root });
    // The import rule exactly as the project configures it for each layer, run on code that crosses the
    // layer the wrong way (without the type-aware rules, which this check does not need).
    const lint = async (file: string, code: string): Promise<string[]> => {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as { rules?: Record<string, unknown> };
      const rule = config.rules?.['no-restricted-imports'];
      expect(rule, `no-restricted-imports for ${file}`).toBeDefined();
      const messages = new Linter().verify(
        code,
        [{ files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' }, rules: { 'no-restricted-imports': rule as Linter.RuleEntry } }],
        file,
      );
      return messages.map((m) => m.message);
    };
    expect(await lint('renderer/lab/earned.ts', "import { docker } from '../../electron/docker/client.js';\nexport const d = docker;\n")).toEqual([expect.stringMatching(/through the API only/)]);
    expect(await lint('renderer/lab/earned.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([expect.stringMatching(/belong in electron/)]);
    expect(await lint('renderer/lab/earned.ts', "import type { LabDetail } from '../../common/contract.js';\nexport type D = LabDetail;\n")).toEqual([]);
    expect(await lint('electron/labs/catalog.ts', "import { render } from 'preact';\nexport const r = render;\n")).toEqual([expect.stringMatching(/UI libraries/)]);
    // The runtime seam: dockerode only on its Docker side.
    expect(await lint('electron/probes/vrrp.ts', "import type Docker from 'dockerode';\nexport type D = Docker;\n")).toEqual([expect.stringMatching(/through runtime\(\)/)]);
    expect(await lint('electron/runtime/dockerRuntime.ts', "import Docker from 'dockerode';\nexport const D = Docker;\n")).toEqual([]);
    expect(await lint('common/labOrder.ts', "import type { LabPack } from '../electron/labs/loadPack.js';\nexport type P = LabPack;\n")).toEqual([expect.stringMatching(/depends on neither/)]);
  }, 120_000);
});
