// An HTTP request made from a node inside the lab (curl), as the tutorials' clients do.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { probeIn } from '../runtime/execBatch.js';
import type { Message } from '../messages/catalogue.js';

/** Why no HTTP answer came, worded by the message catalogue; `detail` keeps curl's own words. */
export type HttpProblem = Message<'probe.http.cannotConnect' | 'probe.http.timeout' | 'probe.http.emptyReply' | 'probe.http.failed'>;

export interface HttpReading {
  status: number; // 0 when no HTTP answer came (refused, timeout)
  body: string;
  /** Set when status is 0. */
  problem?: HttpProblem;
}

const MARK = '\n__HALAB_HTTP_STATUS__';
const MAX_SECONDS = 3;

/** curl's exit codes (man curl, EXIT CODES) that the learner can act on; 124 is the exec's own timeout. */
function httpProblem(exitCode: number, detail: string): HttpProblem {
  if (exitCode === 7) return { key: 'probe.http.cannotConnect', params: { detail } };
  if (exitCode === 28 || exitCode === 124) return { key: 'probe.http.timeout', params: { seconds: MAX_SECONDS, detail } };
  if (exitCode === 52) return { key: 'probe.http.emptyReply', params: { detail } };
  return { key: 'probe.http.failed', params: { exitCode, detail } };
}

export async function httpFrom(container: ContainerHandle, url: string, opts: { host?: string; userAgent?: string } = {}): Promise<HttpReading> {
  const argv = ['curl', '-sS', '--max-time', String(MAX_SECONDS), '--max-filesize', '262144', '-w', `${MARK}%{http_code}`];
  if (opts.host) argv.push('-H', `Host: ${opts.host}`);
  if (opts.userAgent) argv.push('-A', opts.userAgent);
  argv.push(url);
  const res = await probeIn(container, argv, { timeoutMs: 5000 });
  const at = res.stdout.lastIndexOf(MARK);
  const status = at >= 0 ? Number(res.stdout.slice(at + MARK.length).trim()) || 0 : 0;
  const body = at >= 0 ? res.stdout.slice(0, at) : res.stdout;
  return status ? { status, body } : { status, body, problem: httpProblem(res.exitCode, res.stderr.trim()) };
}
