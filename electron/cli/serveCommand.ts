// `halab serve`: the app in a local browser. Prints one line, the URL with its token, on stdout (scripts
// read it); everything else goes to stderr. Runs until Ctrl-C; the labs keep running after it stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from '../host/startHost.js';
import { rendererDir } from '../host/staticFiles.js';
import { UserError } from '../util/errors.js';

export const DEFAULT_PORT = 7411;

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UserError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${text}".`, { code: 'E_USAGE' });
  return n;
}

/** Opens the URL in the desktop's browser, where there is a desktop. Never waits for it. */
function openBrowser(url: string): boolean {
  const cmd =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : undefined;
  if (!cmd?.[0]) return false;
  const child = spawn(cmd[0], cmd.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

export async function serveCommand(opts: { port: number; open: boolean }): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const host = await startHost({ port: opts.port, log });
  process.stdout.write(`${host.url}  HA Lab is served here (127.0.0.1 only); Ctrl-C stops it.\n`);
  if (!existsSync(join(rendererDir(), 'index.html'))) log(`[serve] the UI is not built yet (${rendererDir()}): run npm run build`);
  if (opts.open && !openBrowser(host.url)) log('[serve] no desktop found: open the URL above in a browser on this machine.');
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log('[serve] stopping (running labs keep running; halab down <lab> removes one)');
      void host.close().finally(resolveStop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
