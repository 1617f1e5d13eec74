// The rules labs/README.md states for packs, as lint and the loader enforce them: each finding says what is
// wrong, where (file:line) and what to write instead.
import { describe, expect, it } from 'vitest';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { lintPack } from '../../electron/labs/lintPack.js';
import { foreignAddresses } from '../../electron/labs/packRules.js';
import { regexProblem } from '../../electron/labs/schema.js';
import { applyFault } from '../../electron/checks/actions.js';
import type { RunningLab } from '../../electron/topology/manager.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** Lint's findings as `file:line: level: message`, the file relative to the pack, those matching `about` only. */
async function lint(manifest: string, about: RegExp, extra: Record<string, string> = {}): Promise<string[]> {
  const dir = await writePack(manifest, extra);
  return (await lintPack(dir)).filter((f) => about.test(f.message)).map((f) => `${f.file.slice(dir.length + 1)}:${f.line}: ${f.level}: ${f.message}`);
}

const CHECK_TAIL = `        title: { en: T, zh-CN: T }
        hint: { en: H, zh-CN: H }
`;
/** The minimal pack with one more check in its step. */
const withCheck = (check: string): string => MINIMAL_MANIFEST.replace('    solution:\n', `${check}${CHECK_TAIL}    solution:\n`);
/** The minimal pack with more solution actions. */
const withActions = (actions: string): string => `${MINIMAL_MANIFEST}${actions}`;

describe('lint: addresses the subnet remap cannot follow', () => {
  it('refuses a VIP outside the subnet, or on a reserved host, at its line', async () => {
    const manifest = MINIMAL_MANIFEST.replace('  subnet: 10.0.0.0/24\n', '  subnet: 10.0.0.0/24\n  vips: [10.0.0.3, 10.0.1.3, 10.0.0.254]\n');
    const line = lineOf(manifest, 'vips:');
    expect(await lint(manifest, /VIP/)).toEqual([
      `lab.yaml:${line}: error: VIP 10.0.1.3 is outside the subnet 10.0.0.0/24: the remap moves only addresses of the subnet, so it would stay behind when the lab moves; choose a free address of the subnet, e.g. 10.0.0.3`,
      `lab.yaml:${line}: error: VIP 10.0.0.254: .0, .254 and .255 are reserved (network, gateway, broadcast): choose a host number from 1 to 253`,
    ]);
  });

  it('warns about another /24 in check fields, solution commands and node files, each at its own line', async () => {
    const manifest = withActions(`        - node: lb01\n          run: |\n            ip addr show eth0\n            curl -s http://172.16.5.4/\n`).replace(
      '    solution:\n',
      `      - id: ping-peer\n        kind: command\n        node: lb01\n        run: 'ping -c1 -W1 10.0.1.7'\n        exit_code: 0\n${CHECK_TAIL}    solution:\n`,
    );
    const found = await lint(manifest, /outside the lab's subnet/, { 'files/keepalived.conf': '# peers\nunicast_peer {\n  192.168.1.6\n}\n' });
    expect(found.map((f) => f.replace(/: warning: (\S+) .*/, ' $1'))).toEqual([
      'files/keepalived.conf:3 192.168.1.6',
      `lab.yaml:${lineOf(manifest, '10.0.1.7')} 10.0.1.7`,
      `lab.yaml:${lineOf(manifest, '172.16.5.4')} 172.16.5.4`,
    ]);
    expect(found[1]).toContain('only addresses of 10.0.0.0/24 are rewritten, so this one stays as written and reaches nothing in the lab; write an address of the subnet (10.0.0.7)');
  });

  it('leaves alone addresses that are never a node: any, loopback, multicast, netmasks, documentation ranges', () => {
    const text = 'listen 0.0.0.0:80; 127.0.0.1 224.0.0.18 255.255.255.0 192.0.2.1 198.51.100.7 203.0.113.9 10.0.0.30 nginx/1.22.1 999.1.1.1 1.2.3.4.5';
    expect(foreignAddresses(text, '10.0.0.0/24')).toEqual([]);
    expect(foreignAddresses('peer 10.0.1.6, then 8.8.8.8.', '10.0.0.0/24').map((a) => a.address)).toEqual(['10.0.1.6', '8.8.8.8']);
  });
});

describe('lint: checks and solutions that cannot work', () => {
  it('refuses stop_service and start_service without a service, and warns about a service no fault uses', async () => {
    const manifest = withActions('        - { fault: stop_service, node: lb01 }\n        - { fault: start_service, node: lb01 }\n        - { fault: kill_node, node: lb01, service: nginx }\n');
    expect(await lint(manifest, /service/)).toEqual([
      `lab.yaml:${lineOf(manifest, 'stop_service')}: error: stop_service needs service: the one to stop (keepalived, nginx or cron), e.g. { fault: stop_service, node: lb01, service: keepalived }`,
      `lab.yaml:${lineOf(manifest, 'start_service')}: error: start_service needs service: the one to start (keepalived, nginx or cron), e.g. { fault: start_service, node: lb01, service: keepalived }`,
      `lab.yaml:${lineOf(manifest, 'kill_node')}: warning: service: kill_node does not use it (only stop_service and start_service do); remove it`,
    ]);
  });

  it('refuses a command check with neither exit_code nor matches: it could never fail on its reading', async () => {
    const manifest = withCheck("      - id: runs\n        kind: command\n        node: lb01\n        run: 'pgrep keepalived'\n");
    expect(await lint(manifest, /neither/)).toEqual([
      `lab.yaml:${lineOf(manifest, 'pgrep')}: error: command check "runs" has neither exit_code nor matches: it passes whatever the command does; add exit_code: 0, or matches: '<a regex on the output>'`,
    ]);
    expect(await lint(withCheck("      - id: runs\n        kind: command\n        node: lb01\n        run: 'pgrep keepalived'\n        exit_code: 0\n"), /neither/)).toEqual([]);
  });

  it('warns about a check id used again in another step', async () => {
    const second = MINIMAL_MANIFEST.slice(MINIMAL_MANIFEST.indexOf('  - id: first')).replace('id: first', 'id: second');
    const manifest = `${MINIMAL_MANIFEST}${second}`;
    const line = manifest.split('\n').findLastIndex((l) => l.includes('id: has-file')) + 1;
    expect(await lint(manifest, /check id/)).toEqual([
      `lab.yaml:${line}: warning: check id "has-file" is also used in step "first": keep check ids unique in the pack, so a report names one check (e.g. "has-file-second")`,
    ]);
  });
});

describe('lint: the pack folder and the messages of the loader', () => {
  it('warns when the folder is not named after the pack id', async () => {
    const dir = await writePack();
    const named = join(makeTempDir('halab-named-'), 'tiny');
    await cp(dir, named, { recursive: true });
    const folderFindings = async (at: string): Promise<string[]> => (await lintPack(at)).filter((f) => /folder/.test(f.message)).map((f) => `${f.line}: ${f.level}: ${f.message}`);
    const notAnId = join(makeTempDir('halab-named-'), 'Tiny_Lab');
    await cp(dir, notAnId, { recursive: true });
    expect(await folderFindings(notAnId)).toEqual(['2: warning: the folder is named "Tiny_Lab" but the pack\'s id is "tiny": rename the folder to tiny']);
    const lowercase = join(makeTempDir('halab-named-'), 'tiny-lab');
    await cp(dir, lowercase, { recursive: true });
    expect(await folderFindings(lowercase)).toEqual(['2: warning: the folder is named "tiny-lab" but the pack\'s id is "tiny": rename the folder to tiny, or set id: tiny-lab']);
    expect(await folderFindings(named)).toEqual([]);
  });

  it("says the regex engine's reason for a bad regular expression", async () => {
    const manifest = MINIMAL_MANIFEST.replace("matches: ['vrrp_instance']", "matches: ['(vrrp_instance']");
    expect(await lint(manifest, /regular expression/)).toEqual([
      `lab.yaml:${lineOf(manifest, '(vrrp_instance')}: error: steps.0.checks.0.matches.0: not a valid JavaScript regular expression: Unterminated group`,
    ]);
    expect(regexProblem('a{2,1}')).toBe('numbers out of order in {} quantifier');
    expect(regexProblem('^ok$')).toBeUndefined();
  });

  it('says why an http check takes http:// URLs only', async () => {
    const manifest = withCheck('      - id: web\n        kind: http\n        from: lb01\n        url: https://10.0.0.5/\n');
    const [finding] = await lint(manifest, /URL/);
    expect(finding).toMatch(new RegExp(`^lab\\.yaml:${lineOf(manifest, 'https://')}: error: steps\\.0\\.checks\\.1\\.url: only http:// URLs: the check runs curl on the \`from\` node`));
    expect(finding).toMatch(/no CA certificates/);
  });

  it('names the key given twice in a map', async () => {
    const manifest = MINIMAL_MANIFEST.replace('id: tiny\n', 'id: tiny\nid: other\n');
    expect(await lint(manifest, /twice/)).toEqual([`lab.yaml:3: error: YAML: the key "id" is given twice in this map: keep one of them`]);
  });

  it('says which services a fault without one can take', async () => {
    const lab = { container: () => ({}) } as unknown as RunningLab;
    const err = await applyFault(lab, 'stop_service', 'lb01').catch((e: unknown) => e);
    expect((err as Error).message).toBe('stop_service needs a service: one of keepalived, nginx, cron.');
  });
});
