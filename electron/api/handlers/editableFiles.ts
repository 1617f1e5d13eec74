// The files a learner typically edits in a lab, per node, for the editor's quick-open list: keepalived's
// config on load balancers, nginx configs the pack ships or solves, /etc/sysctl.conf where net.* keys can be
// set, and check scripts the reference solution uses (a vrrp_script, an alert script run by cron).
import type { LabPack } from '../../labs/loadPack.js';
import { wantsSysctlHelper } from '../../topology/containerSpec.js';

const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';
const SCRIPT_PATH = /(?:^|[\s"'=])(\/[A-Za-z0-9._\-/]+\.sh)\b/g;
const isNginxConfig = (path: string): boolean => path.startsWith('/etc/nginx/') && !path.endsWith('.html');

export async function editableFiles(pack: LabPack): Promise<{ node: string; path: string }[]> {
  const { nodes } = pack.manifest.topology;
  const byNode = new Map<string, Set<string>>(nodes.map((n) => [n.name, new Set<string>()]));
  const add = (node: string, path: string): void => void byNode.get(node)?.add(path);
  for (const n of nodes) {
    if (n.role === 'lb') add(n.name, KEEPALIVED_CONF);
    for (const f of n.files) if (isNginxConfig(f.path) || f.path.startsWith('/etc/keepalived/')) add(n.name, f.path);
    if (wantsSysctlHelper(n)) add(n.name, '/etc/sysctl.conf');
  }
  for (const step of pack.manifest.steps) {
    for (const f of step.solution.files) {
      if (isNginxConfig(f.path) || f.path.startsWith('/etc/keepalived/') || f.path.endsWith('.sh')) add(f.node, f.path);
      // Scripts a solution's file refers to, e.g. `script "/etc/keepalived/check_web.sh"` in keepalived.conf.
      const text = await pack.readText(f.source).catch(() => '');
      for (const m of text.matchAll(SCRIPT_PATH)) if (m[1] && !m[1].includes('/../')) add(f.node, m[1]);
    }
  }
  return nodes.flatMap((n) => [...(byNode.get(n.name) ?? [])].sort().map((path) => ({ node: n.name, path })));
}
