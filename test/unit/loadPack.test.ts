import { describe, expect, it } from 'vitest';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPack } from '../../electron/labs/loadPack.js';
import { PackError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadPack(dir);
  } catch (err) {
    if (err instanceof PackError) return err.problems.map((p) => `${p.line}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('loadPack', () => {
  it('accepts a valid pack and fills defaults', async () => {
    const pack = await loadPack(await writePack());
    expect(pack.manifest.id).toBe('tiny');
    expect(pack.manifest.topology.nodes[0]?.services).toEqual([]);
    expect(await pack.readText('steps/zh.md')).toContain('第一步');
  });

  it('reports YAML syntax errors with their line', async () => {
    const broken = MINIMAL_MANIFEST.replace('      role: lb', '      role: [lb');
    const problems = await problemsOf(await writePack(broken));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^1[0-9]: YAML/);
  });

  it('reports unknown fields, wrong types and unknown check kinds on the right lines', async () => {
    const bad = MINIMAL_MANIFEST.replace('      role: lb\n', '      role: lb\n      colour: red\n').replace('ip: 10.0.0.5', 'ip: 10.0.0.500').replace('kind: file', 'kind: fortune');
    const problems = await problemsOf(await writePack(bad));
    const lines = bad.split('\n');
    const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
    expect(problems).toContain(`${lineOf('- name: lb01')}: topology.nodes.0: unknown field(s) "colour": remove it, or correct its spelling (labs/README.md lists the fields of each part)`);
    expect(problems.some((p) => p.startsWith(`${lineOf('ip: 10.0.0.500')}: topology.nodes.0.ip:`))).toBe(true);
    expect(problems).toContain(
      `${lineOf('kind: fortune')}: steps.0.checks.0.kind: unknown check kind; expected one of vip, vrrp, http, listening, service, config_valid, file, command, arp, protocol`,
    );
  });

  it('rejects paths escaping the pack, missing files and links pointing outside', async () => {
    const escaping = MINIMAL_MANIFEST.replace('source: files/keepalived.conf', 'source: ../../etc/passwd');
    expect((await problemsOf(await writePack(escaping))).join('\n')).toMatch(/without "\.\."/);
    const missing = MINIMAL_MANIFEST.replace('source: files/keepalived.conf', 'source: files/nope.conf');
    expect((await problemsOf(await writePack(missing))).join('\n')).toMatch(/"files\/nope.conf" does not exist/);
    const dir = await writePack(MINIMAL_MANIFEST.replace('source: files/keepalived.conf', 'source: files/link.conf'));
    await symlink('/etc/hostname', join(dir, 'files/link.conf'));
    expect((await problemsOf(dir)).join('\n')).toMatch(/resolves outside the pack/);
  });

  it('checks cross references: node names, duplicate addresses, subnet membership', async () => {
    const bad = MINIMAL_MANIFEST.replace('node: lb01\n        path', 'node: lb09\n        path').replace('ip: 10.0.0.5', 'ip: 10.0.1.5');
    const problems = (await problemsOf(await writePack(bad))).join('\n');
    expect(problems).toMatch(/node: no node named "lb09"/);
    expect(problems).toMatch(/10\.0\.1\.5 is outside the subnet/);
  });

  it('lets a vrrp check choose its instance in one way only, and only by a VIP the lab has', async () => {
    const vrrpCheck = (selectors: string): string =>
      MINIMAL_MANIFEST.replace('  subnet: 10.0.0.0/24\n', '  subnet: 10.0.0.0/24\n  vips: [10.0.0.3]\n').replace(
        / {6}- id: has-file\n[\s\S]*?hint: \{ en: Write it, zh-CN: 写它 \}\n/,
        `      - id: master\n        kind: vrrp\n        node: lb01\n        state: MASTER\n${selectors}        title: { en: M, zh-CN: 主 }\n        hint: { en: H, zh-CN: 提示 }\n`,
      );
    expect(await problemsOf(await writePack(vrrpCheck('        vip: 10.0.0.3\n')))).toEqual([]);
    expect(await problemsOf(await writePack(vrrpCheck('        vrid: 51\n')))).toEqual([]);
    const both = (await problemsOf(await writePack(vrrpCheck('        vip: 10.0.0.3\n        instance: VI_1\n')))).join('\n');
    expect(both).toMatch(/choose one of instance, vip and vrid \(this check has instance and vip\)/);
    const stranger = (await problemsOf(await writePack(vrrpCheck('        vip: 10.0.0.4\n')))).join('\n');
    expect(stranger).toMatch(/vip: 10\.0\.0\.4 is not one of the lab's VIPs/);
    expect((await problemsOf(await writePack(vrrpCheck('        vrid: 256\n')))).join('\n')).toMatch(/vrid/);
  });

  it('says clearly when a folder is not a pack', async () => {
    expect((await problemsOf('/nonexistent/pack')).join()).toMatch(/no such lab pack folder/);
    expect((await problemsOf(await writePack(undefined, {}).then((d) => join(d, 'files')))).join()).toMatch(/cannot read lab.yaml/);
  });
});
