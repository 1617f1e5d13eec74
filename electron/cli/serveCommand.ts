// `halab serve`: the app in a local browser. Prints one line, the URL with its token, on stdout (scripts
// read it); everything else goes to stderr. Runs until Ctrl-C; the labs keep running after it stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../api/handlerTypes.js';
import { startHost, type Host } from '../host/startHost.js';
import { removeLaunchFile, writeLaunchFile } from '../host/launchFile.js';
import { keepServingOnFaults, untilStopSignal } from '../host/processGuards.js';
import { rendererDir } from '../host/staticFiles.js';
import { UserError, errorMessage } from '../util/errors.js';

export const DEFAULT_PORT = 7411;

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UserError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${text}".`, { code: 'E_USAGE' });
  return n;
}

/** The command that opens a file or URL on this desktop, or undefined where there is no desktop. */
function openerCommand(target: string): string[] | undefined {
  if (process.platform === 'darwin') return ['open', target];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""', target];
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open', target] : undefined;
}

/**
 * Opens the app in the desktop's browser, where there is a desktop; never waits for it. What goes on the
 * command line is the path of a private launch page (launchFile.ts), never the token. Returns the file
 * to remove when the host stops.
 */
function openBrowser(host: Host, log: (line: string) => void, route = ''): string | undefined {
  if (!openerCommand('')) {
    log('[serve] no desktop found: open the URL above in a browser on this machine.');
    return undefined;
  }
  let file: string;
  try {
    file = writeLaunchFile(host.port, `${host.launchUrl()}${route}`);
  } catch (err) {
    log(`[serve] could not write the launch page (${errorMessage(err)}): open the URL above in a browser on this machine.`);
    return undefined;
  }
  const [cmd, ...args] = openerCommand(file) ?? [];
  if (!cmd) return file;
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return file;
}

/** `route`: the page's place (a URL hash, e.g. #/packdev) in the printed and opened URL; `onStop` runs as the host stops. */
export async function serveCommand(opts: { port: number; open: boolean; handlers?: Handlers; route?: string; onStop?: () => void }): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const stopGuarding = keepServingOnFaults(log);
  const host = await startHost({ port: opts.port, log, ...(opts.handlers ? { handlers: opts.handlers } : {}) });
  process.stdout.write(`${host.url}${opts.route ?? ''}  HA Lab is served here (127.0.0.1 only); Ctrl-C stops it.\n`);
  if (!existsSync(join(rendererDir(), 'index.html'))) log(`[serve] the UI is not built yet (${rendererDir()}): run npm run build`);
  const launchFile = opts.open ? openBrowser(host, log, opts.route) : undefined;
  await untilStopSignal(async () => {
    log('[serve] stopping (running labs keep running; halab down <lab> removes one)');
    if (launchFile) removeLaunchFile(launchFile);
    opts.onStop?.();
    await host.close();
  }, log);
  // The process ends once the terminals' cleanup and calls still running let go, or at the deadline of
  // untilStopSignal, whichever comes first.
  stopGuarding();
  return 0;
}
