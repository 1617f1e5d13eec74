// `halab pack dev <dir>`: the browser host with the pack in <dir> listed first and the page on its preview
// (#/packdev): every save reloads the lesson, the steps, the checks and the lint findings in the open page.
import type { Lang } from '../../common/contract.js';
import { closePackDev, openPackDev } from '../packdev/packDev.js';
import { parsePort, serveCommand } from './serveCommand.js';
import { need, UsageError, type Cli } from './context.js';

export const PACK_DEV_ROUTE = '#/packdev';

function previewLang(text: string | undefined): Lang | undefined {
  if (text === undefined) return undefined;
  if (text === 'en' || text === 'zh-CN') return text;
  throw new UsageError(`--lang must be en or zh-CN, not "${text}"`);
}

export async function cmdPackDev(cli: Cli, dir: string | undefined): Promise<number> {
  const lang = previewLang(cli.opts.lang);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const dev = await openPackDev(need(dir, 'a pack folder'), { log, ...(lang ? { lang } : {}) });
  const first = dev.state();
  log(`[pack dev] watching ${dev.dir}: ${first.loadError ? `it does not load yet (${first.loadError})` : `${first.findings.length} lint finding(s)`}; saving any of its files reloads the page.`);
  return serveCommand({ port: parsePort(cli.opts.port), open: !cli.opts['no-open'], route: PACK_DEV_ROUTE, onStop: closePackDev });
}
