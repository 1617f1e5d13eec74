// The halab CLI as people and CI use it, on real containers.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { docker } from '../../electron/docker/client.js';
import { projectRoot } from '../../electron/util/paths.js';
import { nodeContainerName } from '../../electron/topology/names.js';
import { FIXTURE_PAIR, halab, isolateHome, leftovers, requireDockerAndImage, spawnHalab, waitForNetwork } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('halab CLI', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  });

  it('says how to fix it when Docker is not reachable', () => {
    const res = halab(['status'], { DOCKER_HOST: 'unix:///tmp/halab-no-docker.sock' });
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/Docker is not reachable at unix:\/\/\/tmp\/halab-no-docker\.sock/);
    expect(res.stderr).toMatch(/Start the Docker engine/);
  });

  it('reports an invalid pack with file:line and exit 3', () => {
    const res = halab(['test-pack', join(projectRoot(), 'test', 'fixtures')]);
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/lab\.yaml:1:1: cannot read lab\.yaml/);
  });

  it('self-tests a pack both ways, remapped off a taken subnet, leaving nothing behind, with the gap measured', async () => {
    // Our own labelled network on the pack's subnet forces the remap: solutions and checks must follow it.
    const clash = `halab-test-tpclash-${process.pid}`;
    await docker()
      .createNetwork({ Name: clash, Labels: { 'io.halab.test': 'clash' }, IPAM: { Config: [{ Subnet: '10.0.0.0/24' }] } })
      .catch(() => undefined);
    const res = halab(['test-pack', FIXTURE_PAIR, '--json', '--instance', `it-tp-${process.pid}`]);
    await docker()
      .getNetwork(clash)
      .remove()
      .catch(() => undefined);
    expect(res.status, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as { passed: boolean; checksProven: number; checksTotal: number; gaps: { gapMs: number }[] };
    expect(report).toMatchObject({ passed: true, checksProven: 1, checksTotal: 1 });
    // A graceful stop: the backup (priority 100) takes over after its skew time, about 0.61 s.
    expect(report.gaps[0]?.gapMs).toBeGreaterThan(300);
    expect(report.gaps[0]?.gapMs).toBeLessThan(3000);
  });

  it('cleans up after an `up` killed with SIGKILL, on the next start', async () => {
    const instance = `it-kill-${process.pid}`;
    const child = spawnHalab(['up', FIXTURE_PAIR, '--instance', instance]);
    await waitForNetwork(instance);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect((await leftovers(instance)).networks).toBe(1);
    const res = halab(['status', '--json']);
    expect(res.status, res.stderr).toBe(0);
    const status = JSON.parse(res.stdout) as { removedOrphans: { networks: string[] }; labs: unknown[] };
    expect(status.removedOrphans.networks).toEqual([`halab-${instance}`]);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });

  it('removes what it created when `up` is interrupted with Ctrl-C (SIGINT)', async () => {
    const instance = `it-int-${process.pid}`;
    const child = spawnHalab(['up', FIXTURE_PAIR, '--instance', instance]);
    await waitForNetwork(instance);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(130);
    // A creation still in flight at the signal can land after the cleanup listed objects: the next start sweeps it.
    const res = halab(['status', '--json']);
    expect(res.status, res.stderr).toBe(0);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });

  it('doctor reports Docker, the image and whether this kernel has IP_VS, without faking it', () => {
    const res = halab(['doctor', '--json']);
    expect(res.status, res.stderr).toBe(0);
    const items = JSON.parse(res.stdout) as { name: string; ok: boolean; detail: string }[];
    expect(items.find((i) => i.name === 'docker')?.ok).toBe(true);
    expect(items.find((i) => i.name === 'lab image')?.ok).toBe(true);
    const ipvs = items.find((i) => i.name === 'kernel: IP_VS (LVS)');
    const hasIpvs = existsSync('/proc/net/ip_vs') || existsSync('/sys/module/ip_vs');
    if (!hasIpvs) expect(ipvs?.detail).toMatch(/not in this kernel|loadable/);
    else expect(ipvs?.ok).toBe(true);
  });

  it('refuses a lab that needs IP_VS on a kernel without it, creating nothing', async () => {
    if (existsSync('/proc/net/ip_vs') || existsSync('/sys/module/ip_vs')) return; // this kernel has it: nothing to refuse
    const dir = makeTempDir('halab-lvs-');
    cpSync(FIXTURE_PAIR, dir, { recursive: true });
    writeFileSync(join(dir, 'lab.yaml'), readFileSync(join(dir, 'lab.yaml'), 'utf8').replace('id: fixture-pair', 'id: fixture-lvs\nrequires: [ip_vs]'));
    const res = halab(['up', dir, '--instance', `it-lvs-${process.pid}`]);
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/needs the kernel's IP_VS \(LVS\) module/);
    expect(await leftovers(`it-lvs-${process.pid}`)).toEqual({ containers: 0, networks: 0 });
  });

  it('runs up, check and down as a learner would', () => {
    const instance = `it-learn-${process.pid}`;
    expect(halab(['up', FIXTURE_PAIR, '--instance', instance]).status).toBe(0);
    try {
      const failing = halab(['check', instance, '--json']);
      expect(failing.status).toBe(1);
      // The learner's own command in a node's terminal, then the grader sees the VIP move.
      const stop = spawnSync('docker', ['exec', nodeContainerName(instance, 'lb01'), 'systemctl', 'stop', 'keepalived'], { encoding: 'utf8' });
      expect(stop.status, stop.stderr).toBe(0);
      const passing = halab(['check', instance]);
      expect(passing.stdout).toMatch(/PASS step 1/);
      expect(passing.status).toBe(0);
      const labs = halab(['status', '--json']);
      expect(labs.stdout).toContain(instance);
      // A second `up` hands back the running lab, as the app's Start does, and changes nothing.
      const again = halab(['up', FIXTURE_PAIR, '--instance', instance, '--json']);
      expect(again.status, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ instance, alreadyRunning: true });
      // Another lab under the same instance name is refused, not answered with the running one.
      const other = halab(['up', 'vrrp-pair', '--instance', instance]);
      expect(other.status).toBe(3);
      expect(other.stderr).toMatch(/already runs the lab "fixture-pair"/);
      // The app's fault button from the command line: lb02 is powered off, and the engine says so.
      const fault = halab(['fault', instance, 'kill_node', 'lb02', '--json']);
      expect(fault.status, fault.stderr).toBe(0);
      const nodes = (JSON.parse(halab(['status', '--json']).stdout) as { labs: { instance: string; nodes: { node: string; state: string }[] }[] }).labs.find((l) => l.instance === instance)?.nodes;
      expect(nodes?.find((n) => n.node === 'lb02')?.state).toBe('exited');
      expect(halab(['fault', instance, 'stop_service', 'lb01']).stderr).toMatch(/needs a service/);
      expect(halab(['fault', instance, 'melt', 'lb01']).status).toBe(2);
      // Mail: none was sent in this pack, and the answer is an empty list, not an error.
      const mail = halab(['mail', instance, '--json']);
      expect(mail.status, mail.stderr).toBe(0);
      expect(JSON.parse(mail.stdout)).toEqual([]);
      // The progress report the app exports, to stdout: step 1 was earned by the passing check above.
      const report = halab(['report', '--format', 'json', '--out', '-']);
      expect(report.status, report.stderr).toBe(0);
      const labsReported = (JSON.parse(report.stdout) as { labs: { id: string }[] }).labs.map((l) => l.id);
      expect(labsReported).toContain('vrrp-pair');
    } finally {
      expect(halab(['down', instance]).status).toBe(0);
    }
  });
});
