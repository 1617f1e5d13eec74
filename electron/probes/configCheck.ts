// Validates keepalived and nginx configs with the daemons' own test modes and locates errors by file:line.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { probeIn } from '../runtime/execBatch.js';
import type { Message } from '../messages/catalogue.js';

export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

/** The test's outcome in one line, worded by the message catalogue; the problems keep the daemon's own words. */
export type ConfigVerdict = Message<
  | 'probe.config.ok'
  | 'probe.keepalived.missing'
  | 'probe.keepalived.noInstance'
  | 'probe.keepalived.cannotRun'
  | 'probe.keepalived.errors'
  | 'probe.keepalived.scriptSecurity'
  | 'probe.keepalived.exit'
  | 'probe.nginx.errors'
>;

export interface ConfigReading {
  valid: boolean;
  exitCode: number;
  verdict: ConfigVerdict;
  problems: ConfigProblem[];
}

export const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';

/** What `keepalived -t` means by its exit code (keepalived(8), EXIT STATUS). */
function keepalivedVerdict(exitCode: number, problems: ConfigProblem[]): ConfigVerdict {
  if (exitCode === 0) return { key: 'probe.config.ok', params: { problems } };
  if (exitCode === 4) return { key: 'probe.keepalived.cannotRun', params: { problems } };
  if (exitCode === 5) return { key: 'probe.keepalived.errors', params: { problems } };
  if (exitCode === 6) return { key: 'probe.keepalived.scriptSecurity', params: { problems } };
  return { key: 'probe.keepalived.exit', params: { exitCode, problems } };
}

/** keepalived -t messages: "(/etc/keepalived/keepalived.conf: Line 17) Unknown keyword 'priorty'". */
export function parseKeepalivedErrors(stderr: string, fallbackFile: string): ConfigProblem[] {
  const located: ConfigProblem[] = [];
  const bare: ConfigProblem[] = [];
  for (const raw of stderr.split('\n')) {
    // Top-level keywords are also reported as "(Line 14) ..." without the file. That form counts one
    // line short when the file does not end with a newline, so the form naming the file wins.
    const m = /\((?:([^:()]+): )?Line (\d+)\)\s*(.+)$/.exec(raw);
    if (m?.[2] && m[3]) (m[1] ? located : bare).push({ file: m[1] ?? fallbackFile, line: Number(m[2]), message: m[3].trim() });
    else if (/error|unknown|invalid|missing/i.test(raw)) bare.push({ file: fallbackFile, line: 0, message: raw.trim() });
  }
  const messages = new Set(located.map((p) => p.message));
  const seen = new Set<string>();
  return [...located, ...bare.filter((p) => !messages.has(p.message))].filter((p) => {
    const key = `${p.file}:${p.line}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** nginx -t messages: "[emerg] unknown directive "locaton" in /etc/nginx/conf.d/x.conf:3". */
export function parseNginxErrors(stderr: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const raw of stderr.split('\n')) {
    const m = /\[(emerg|alert|crit|error)\]\s*(?:\d+#\d+:\s*)?(.*?)(?: in (\/\S+):(\d+))?$/.exec(raw.trim());
    if (!m?.[2]) continue;
    out.push({ file: m[3] ?? '', line: m[4] ? Number(m[4]) : 0, message: m[2] });
  }
  return out;
}

export async function checkKeepalivedConfig(container: ContainerHandle, path = KEEPALIVED_CONF): Promise<ConfigReading> {
  // keepalived -t accepts an empty or missing file: we also require a vrrp_instance to exist.
  const script = `test -f "$1" || { echo "MISSING"; exit 0; }; grep -Eq '^[[:space:]]*vrrp_instance[[:space:]]' "$1" && echo HAS_INSTANCE; keepalived -t -f "$1" 2>&1 >/dev/null; echo "EXIT:$?"`;
  const res = await probeIn(container, ['bash', '-c', script, 'check', path], { timeoutMs: 8000 });
  const out = res.stdout;
  if (/^MISSING$/m.test(out)) return { valid: false, exitCode: -1, verdict: { key: 'probe.keepalived.missing', params: { path } }, problems: [{ file: path, line: 0, message: 'file not found' }] };
  const exitCode = Number(/EXIT:(\d+)/.exec(out)?.[1] ?? -1);
  const problems = parseKeepalivedErrors(out, path);
  const hasInstance = /^HAS_INSTANCE$/m.test(out);
  if (exitCode === 0 && !hasInstance) {
    return { valid: false, exitCode, verdict: { key: 'probe.keepalived.noInstance' }, problems: [{ file: path, line: 1, message: 'no vrrp_instance defined' }] };
  }
  return { valid: exitCode === 0, exitCode, verdict: keepalivedVerdict(exitCode, problems), problems };
}

export async function checkNginxConfig(container: ContainerHandle, path?: string): Promise<ConfigReading> {
  const argv = ['nginx', '-t', '-q', ...(path ? ['-c', path] : [])];
  const res = await probeIn(container, argv, { timeoutMs: 8000 });
  const problems = parseNginxErrors(res.stderr);
  const verdict: ConfigVerdict = res.exitCode === 0 ? { key: 'probe.config.ok', params: { problems: [] } } : { key: 'probe.nginx.errors', params: { problems, detail: res.stderr.trim() } };
  return { valid: res.exitCode === 0, exitCode: res.exitCode, verdict, problems };
}
