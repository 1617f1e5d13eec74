// Lab 1's facts the e2e files type in: addresses in the lab's (possibly remapped) subnet and the
// keepalived.conf of step 1 as a heredoc a learner pastes into a terminal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LAB = 'vrrp-pair';

/** Address `.hostPart` of the lab's subnet, which may have been moved on this machine. */
export function labAddress(home: string, hostPart: number): string {
  const rec = JSON.parse(readFileSync(join(home, 'instances', `${LAB}.json`), 'utf8')) as { subnet: string };
  return rec.subnet.replace(/0\/24$/, String(hostPart));
}

export const keepalivedConf = (home: string, state: string, priority: number, routerId: string): string =>
  [
    `cat > /etc/keepalived/keepalived.conf <<'EOF'`,
    'global_defs {',
    `router_id ${routerId}`,
    '}',
    'vrrp_instance VI_1 {',
    `state ${state}`,
    'interface eth0',
    'virtual_router_id 50',
    `priority ${priority}`,
    'advert_int 1',
    'authentication {',
    'auth_type PASS',
    'auth_pass 1111',
    '}',
    'virtual_ipaddress {',
    labAddress(home, 3),
    '}',
    '}',
    'EOF',
  ].join('\n');
