// Bundles a browser-side test page (an entry under test/unit/ui/pages/, typed as UI code) with vite, the
// app's own bundler and JSX settings, into one script and one stylesheet that a test puts into a blank
// Chromium page (page.setContent + addStyleTag + addScriptTag). Lets a Chromium test mount a real renderer
// component without the browser host or Docker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { makeTempDir } from './tempDirs.js';

export interface BundledPage {
  script: string;
  style: string;
}

export async function bundlePage(entry: string): Promise<BundledPage> {
  const outDir = makeTempDir('halab-test-page-');
  await build({
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      cssCodeSplit: false,
      lib: { entry, formats: ['iife'], name: 'halabTestPage', fileName: () => 'page.js', cssFileName: 'page' },
    },
  });
  const files = readdirSync(outDir);
  const css = files.filter((f) => f.endsWith('.css'));
  return {
    script: readFileSync(join(outDir, 'page.js'), 'utf8'),
    style: css.map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n'),
  };
}
