// The files API on real containers: reading and saving inside a node, validation markers from the real
// keepalived -t and nginx -t on the right lines, the learner's copy on the host, and the refusals.
import { localScope } from '../../electron/core/learnerScope.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { createDispatcher } from '../../electron/api/dispatch.js';
import type { HandlerContext } from '../../electron/api/handlerTypes.js';
import type { ApiError, MethodName, MethodOutput } from '../../common/contract.js';
import { filesHandlers } from '../../electron/api/handlers/files.js';
import { learnerFilesDir } from '../../electron/files/learnerCopy.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';

const LAB = `it-files-${process.pid}`;
const KA = '/etc/keepalived/keepalived.conf';
const dispatcher = createDispatcher(filesHandlers, () => undefined);
const ctx: HandlerContext = { session: 'test', scope: localScope, role: 'owner', emit: () => undefined, onClose: () => undefined };
let lab: RunningLab;

async function call<M extends MethodName>(method: M, input: Record<string, unknown>): Promise<MethodOutput<M>> {
  const res = await dispatcher.dispatch(method, input, ctx);
  if ('error' in res) throw Object.assign(new Error(res.error.message), res.error);
  return res.result as MethodOutput<M>;
}

async function failure(method: MethodName, input: Record<string, unknown>): Promise<ApiError> {
  const res = await dispatcher.dispatch(method, input, ctx);
  if (!('error' in res)) throw new Error(`${method} succeeded but should have failed`);
  return res.error;
}

const hostCopy = (node: string, path: string): string => join(learnerFilesDir(LAB), node, path);
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const inNode = async (node: string, argv: string[]): Promise<string> => (await lab.container(node).exec(argv)).stdout;

describe('files API on real containers', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    lab = await up(await loadPack(FIXTURE_PAIR), { instance: LAB });
  });

  afterAll(async () => {
    await down(LAB);
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0 });
  });

  it('reads a config; a typo gets a marker on exactly its line; the fix clears it', async () => {
    const original = await call('files.read', { lab: LAB, node: 'lb02', path: KA });
    expect(original.exists).toBe(true);
    expect(original.content).toContain('priority 100');

    const typo = original.content.replace('priority 100', 'priorty 100');
    const t0 = performance.now();
    const bad = await call('files.write', { lab: LAB, node: 'lb02', path: KA, content: typo });
    const writeMs = performance.now() - t0;
    expect(bad).toMatchObject({ saved: true, validator: 'keepalived', valid: false });
    expect(bad.markers).toEqual([{ line: lineOf(typo, 'priorty'), message: "Unknown keyword 'priorty'", severity: 'error' }]);
    expect(await inNode('lb02', ['cat', KA])).toBe(typo);
    expect(readFileSync(hostCopy('lb02', KA), 'utf8')).toBe(typo);

    const fixed = await call('files.write', { lab: LAB, node: 'lb02', path: KA, content: original.content });
    expect(fixed).toEqual({ saved: true, validator: 'keepalived', valid: true, markers: [] });
    expect(readFileSync(hostCopy('lb02', KA), 'utf8')).toBe(original.content);
    expect(await call('files.validate', { lab: LAB, node: 'lb02', path: KA })).toEqual({ saved: false, validator: 'keepalived', valid: true, markers: [] });
    process.stderr.write(`[files] save + keepalived -t: ${writeMs.toFixed(0)} ms\n`);
  });

  it('keeps a Chinese comment intact, and the file keeps its mode and owner', async () => {
    await lab.container('lb02').exec(['chmod', '640', KA]);
    const before = await call('files.read', { lab: LAB, node: 'lb02', path: KA });
    const content = `# 备用节点：优先级低于 lb01 ✓\n${before.content}`;
    const res = await call('files.write', { lab: LAB, node: 'lb02', path: KA, content });
    expect(res.valid).toBe(true);
    expect((await call('files.read', { lab: LAB, node: 'lb02', path: KA })).content).toBe(content);
    expect((await inNode('lb02', ['stat', '-c', '%a %U', KA])).trim()).toBe('640 root');
    expect(readFileSync(hostCopy('lb02', KA), 'utf8')).toBe(content);
    // No temp file is left beside the config.
    expect((await inNode('lb02', ['ls', '-A', '/etc/keepalived'])).split('\n').filter((f) => f.startsWith('.halab'))).toEqual([]);
  });

  it('nginx: a conf.d typo gets a marker on its line; a sites file is matched through its sites-enabled link', async () => {
    const conf = '/etc/nginx/conf.d/lab.conf';
    const content = 'server {\n    listen 8080;\n    locaton / {\n        return 200 "ok";\n    }\n}\n';
    const res = await call('files.write', { lab: LAB, node: 'lb02', path: conf, content });
    expect(res).toMatchObject({ saved: true, validator: 'nginx', valid: false });
    expect(res.markers).toEqual([{ line: 3, message: 'unknown directive "locaton"', severity: 'error' }]);
    expect(existsSync(hostCopy('lb02', conf))).toBe(true);

    // The same problem, seen while editing another nginx file: line 0, naming the file that has it.
    const site = '/etc/nginx/sites-available/default';
    const siteText = (await call('files.read', { lab: LAB, node: 'lb02', path: site })).content;
    expect((await call('files.validate', { lab: LAB, node: 'lb02', path: site })).markers).toEqual([{ line: 0, message: `${conf}:3: unknown directive "locaton"`, severity: 'error' }]);

    expect((await call('files.write', { lab: LAB, node: 'lb02', path: conf, content: content.replace('locaton', 'location') })).valid).toBe(true);
    const broken = siteText.replace(/^(\s*)root /m, '$1rooot ');
    const siteRes = await call('files.write', { lab: LAB, node: 'lb02', path: site, content: broken });
    expect(siteRes.markers).toEqual([{ line: lineOf(broken, 'rooot '), message: 'unknown directive "rooot"', severity: 'error' }]);
    // Saved through the link's target: sites-enabled/default is still a link.
    expect((await inNode('lb02', ['stat', '-c', '%F', '/etc/nginx/sites-enabled/default'])).trim()).toBe('symbolic link');
    expect((await call('files.write', { lab: LAB, node: 'lb02', path: site, content: siteText })).valid).toBe(true);
  });

  it('reads a missing file as empty, refuses binaries and folders with a clear message', async () => {
    expect(await call('files.read', { lab: LAB, node: 'lb01', path: '/etc/keepalived/nothing-here.conf' })).toEqual({ exists: false, content: '' });
    const binary = await failure('files.read', { lab: LAB, node: 'lb01', path: '/usr/sbin/keepalived' });
    expect(binary).toMatchObject({ code: 'E_FILE_BINARY', message: 'lb01:/usr/sbin/keepalived is a binary file, not UTF-8 text: the editor opens text files only.' });
    expect(await failure('files.read', { lab: LAB, node: 'lb01', path: '/etc/nginx' })).toMatchObject({ code: 'E_NOT_A_FILE' });
    expect(await failure('files.read', { lab: LAB, node: 'web09', path: KA })).toMatchObject({ code: 'E_NO_SUCH_NODE' });
  });

  it('refuses a path with ".." in the contract, before any handler runs', async () => {
    const err = await failure('files.write', { lab: LAB, node: 'lb01', path: '/etc/keepalived/../../root/x', content: 'x' });
    expect(err.code).toBe('E_INPUT');
    expect(err.message).toMatch(/path/);
    expect(existsSync(join(learnerFilesDir(LAB), 'root'))).toBe(false);
    expect(existsSync(join(learnerFilesDir(LAB), 'lb01', 'root'))).toBe(false);
    expect((await lab.container('lb01').exec(['test', '-e', '/root/x'])).exitCode).not.toBe(0);
  });

  it('a save of a folder as a file does not block the saves below it (the node refuses it, the host keeps it aside)', async () => {
    const refused = await failure('files.write', { lab: LAB, node: 'lb01', path: '/etc/keepalived', content: 'not a folder\n' });
    expect(refused).toMatchObject({ code: 'E_WRITE', message: 'Saving lb01:/etc/keepalived failed: it is a folder.' });
    const conf = await call('files.read', { lab: LAB, node: 'lb01', path: KA });
    const saved = await call('files.write', { lab: LAB, node: 'lb01', path: KA, content: conf.content });
    expect(saved).toMatchObject({ saved: true, validator: 'keepalived', valid: true });
    expect(readFileSync(hostCopy('lb01', KA), 'utf8')).toBe(conf.content);
  });

  it("keeps the learner's copy on the host even when the node is down", async () => {
    await lab.container('client').kill('SIGKILL');
    const path = '/root/notes.txt';
    const err = await failure('files.write', { lab: LAB, node: 'client', path, content: '记下：VIP 在 lb01\n' });
    expect(err.code).toBe('E_NODE_STOPPED');
    expect(readFileSync(hostCopy('client', path), 'utf8')).toBe('记下：VIP 在 lb01\n');
  });

  it('validates on a node whose container is gone with E_NODE_MISSING, as read and write say', async () => {
    await lab.container('client').remove();
    const path = '/etc/nginx/nginx.conf';
    for (const method of ['files.read', 'files.validate'] as const) {
      expect(await failure(method, { lab: LAB, node: 'client', path })).toMatchObject({ code: 'E_NODE_MISSING', message: 'The node client does not exist in this lab any more.' });
    }
  });
});
