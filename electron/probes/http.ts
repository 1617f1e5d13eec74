// An HTTP request made from a node inside the lab (curl), as the tutorials' clients do.
import type Docker from 'dockerode';
import { probeIn } from '../docker/execBatch.js';

export interface HttpReading {
  status: number; // 0 when no HTTP answer came (refused, timeout)
  body: string;
  error: string;
}

const MARK = '\n__HALAB_HTTP_STATUS__';

export async function httpFrom(container: Docker.Container, url: string, opts: { host?: string; userAgent?: string } = {}): Promise<HttpReading> {
  const argv = ['curl', '-sS', '--max-time', '3', '--max-filesize', '262144', '-w', `${MARK}%{http_code}`];
  if (opts.host) argv.push('-H', `Host: ${opts.host}`);
  if (opts.userAgent) argv.push('-A', opts.userAgent);
  argv.push(url);
  const res = await probeIn(container, argv, { timeoutMs: 5000 });
  const at = res.stdout.lastIndexOf(MARK);
  const status = at >= 0 ? Number(res.stdout.slice(at + MARK.length).trim()) || 0 : 0;
  return { status, body: at >= 0 ? res.stdout.slice(0, at) : res.stdout, error: res.stderr.trim() };
}
