// The files backend's refusals: a file/folder clash in the learner's host copy never
// blocks later saves (nothing typed is lost either), and validating on a node that is gone says
// E_NODE_MISSING as read and write do, not the runtime's raw text.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnerFilesDir, saveLearnerCopy } from '../../electron/files/learnerCopy.js';
import { validateNodeFile } from '../../electron/files/validateFile.js';
import { FakeContainer } from '../helpers/fakeRuntime.js';

describe("the learner's host copy", () => {
  it('saving /etc/keepalived as a file does not block later saves below it, and keeps that text beside', async () => {
    const lab = 'clash-a';
    await saveLearnerCopy(lab, 'lb01', '/etc/keepalived', 'oops, a file\n');
    const conf = await saveLearnerCopy(lab, 'lb01', '/etc/keepalived/keepalived.conf', 'vrrp_instance VI_1 {}\n');
    expect(await readFile(conf, 'utf8')).toBe('vrrp_instance VI_1 {}\n');
    const etc = join(learnerFilesDir(lab), 'lb01', 'etc');
    const aside = (await readdir(etc)).filter((f) => f.startsWith('keepalived.replaced-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(etc, aside[0] ?? ''), 'utf8')).toBe('oops, a file\n');
  });

  it('saving a file where a folder of copies is moves the folder aside, whole', async () => {
    const lab = 'clash-b';
    await saveLearnerCopy(lab, 'lb01', '/etc/nginx/conf.d/a.conf', 'a\n');
    await saveLearnerCopy(lab, 'lb01', '/etc/nginx', 'now a file\n');
    const etc = join(learnerFilesDir(lab), 'lb01', 'etc');
    expect(await readFile(join(etc, 'nginx'), 'utf8')).toBe('now a file\n');
    const aside = (await readdir(etc)).filter((f) => f.startsWith('nginx.replaced-'));
    expect(await readFile(join(etc, aside[0] ?? '', 'conf.d', 'a.conf'), 'utf8')).toBe('a\n');
  });
});

describe('files.validate on a node that is gone', () => {
  it('is E_NODE_MISSING naming the node, as read and write say', async () => {
    const gone = new FakeContainer('halab-x.lb01', [], { message: '(HTTP code 404) no such container - No such container: halab-x.lb01', statusCode: 404 });
    await expect(validateNodeFile(gone, '/etc/keepalived/keepalived.conf', 'lb01')).rejects.toMatchObject({
      code: 'E_NODE_MISSING',
      message: 'The node lb01 does not exist in this lab any more.',
    });
  });

  it('is E_NODE_STOPPED when the node is stopped', async () => {
    const stopped = new FakeContainer('halab-x.lb01', [], { message: 'container is not running', statusCode: 409 });
    await expect(validateNodeFile(stopped, '/etc/nginx/nginx.conf', 'lb01')).rejects.toMatchObject({ code: 'E_NODE_STOPPED' });
  });
});
