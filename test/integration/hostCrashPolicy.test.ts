// The browser host's process-wide policy: an exception thrown outside the dispatcher's try (a
// timer in a handler), a rejection nobody handles, and a reply that cannot be serialised are logged, and the
// host keeps serving. Runs `halab serve` with injected faults (test/helpers/faultyServe.ts) as a child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';
import { connectApi } from '../helpers/hostClient.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitForLog(serve: ServeProcess, pattern: RegExp, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(serve.log())) {
    if (Date.now() > deadline) throw new Error(`no log line ${String(pattern)} within ${ms} ms; log: ${serve.log()}`);
    await sleep(50);
  }
}

describe('the browser host survives faults outside the dispatcher', () => {
  let serve: ServeProcess;
  let exitedEarly: number | string | undefined;

  beforeAll(async () => {
    serve = await startServe({ HALAB_HOME: makeTempDir('halab-crash-policy-') }, 30_000, 'source', { entry: join(projectRoot(), 'test', 'helpers', 'faultyServe.ts') });
    void serve.exited.then((code) => (exitedEarly = code));
  });

  afterAll(async () => {
    await serve.kill('SIGKILL');
  });

  it('logs an uncaught exception and an unhandled rejection, and keeps answering', async () => {
    const client = await connectApi(serve);
    expect(await client.call('labs.list', {})).toBeInstanceOf(Array);
    await waitForLog(serve, /injected fault: thrown from a timer/, 10_000);
    await waitForLog(serve, /injected fault: a rejection nobody handles/, 10_000);
    expect(serve.log()).toMatch(/uncaught exception/i);
    expect(serve.log()).toMatch(/unhandled rejection/i);
    // Still the same process, still serving: the same socket and a new one.
    expect(exitedEarly).toBeUndefined();
    await expect(client.call('progress.report', { format: 'json', lang: 'en' })).resolves.toBeDefined();
    const second = await connectApi(serve);
    await expect(second.call('progress.report', { format: 'json', lang: 'en' })).resolves.toBeDefined();
    client.close();
    second.close();
  });

  it('answers a reply it cannot serialise with E_INTERNAL instead of dying', async () => {
    const client = await connectApi(serve);
    await expect(client.call('labs.get', { lab: 'vrrp-pair' })).rejects.toThrow(/^E_INTERNAL: /);
    await expect(client.call('progress.report', { format: 'json', lang: 'en' })).resolves.toBeDefined();
    expect(exitedEarly).toBeUndefined();
    client.close();
  });
});
