// `halab pack dev <dir>` as a real child process from the build in dist/, on a free port, in the caller's
// HALAB_HOME, and a Chromium page on the URL it printed (token and #/packdev). The bench's reload figure
// uses it too, so the test and the figure run the same thing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../electron/util/paths.js';
import { launchChromium } from './chromium.js';

const URL_WAIT_MS = 30_000;
const STOP_WAIT_MS = 10_000;

export interface PackDevSession {
  url: string;
  page: Page;
  log(): string;
  close(): Promise<void>;
}

function waitForUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`halab pack dev printed no URL within ${URL_WAIT_MS} ms; stderr: ${stderr()}`));
    }, URL_WAIT_MS);
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      resolve(stdout.slice(0, nl).split(/\s/)[0] ?? '');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`halab pack dev exited (${String(code)}) before printing its URL; stderr: ${stderr()}`));
    });
  });
}

export async function startPackDev(dir: string, home: string, extraArgs: readonly string[] = [], viewport = { width: 1440, height: 900 }): Promise<PackDevSession> {
  const cli = join(projectRoot(), 'dist', 'electron', 'cli', 'halab.js');
  if (!existsSync(cli) || !existsSync(join(projectRoot(), 'dist', 'renderer', 'index.html'))) throw new Error('build the app first: npm run build');
  const child = spawn(process.execPath, [cli, 'pack', 'dev', dir, '--port', '0', '--no-open', ...extraArgs], {
    env: { ...process.env, HALAB_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<void>((r) => {
    child.once('exit', () => {
      r();
    });
  });
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const url = await waitForUrl(child, () => stderr);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    return { url, page, log: () => stderr, close };
  } catch (err) {
    await close();
    throw err;
  }
}
