// `halab pack dev`'s reloads: a burst of file events is one reload, reloads never overlap and never lose
// the last save, and a real pack folder saved in place, through a rename (as vim and atomic writers do),
// in a new folder, or broken and fixed again, reaches every listener with the new lesson and findings.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackDevState } from '../../common/packDev.js';
import { debounce, serialRunner } from '../../electron/packdev/debounce.js';
import { createPackDev, type PackDev } from '../../electron/packdev/packDev.js';
import { watchTree } from '../../electron/packdev/watchTree.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';

/** Generous: the watcher answers in milliseconds, but a busy 2-core machine may be slow to schedule it. */
const EVENT_WAIT_MS = 15_000;

/** Resolves with the first state the pack dev pushes that satisfies `ok`; rejects after EVENT_WAIT_MS. */
function nextState(dev: PackDev, ok: (s: PackDevState) => boolean): Promise<PackDevState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching reload within ${EVENT_WAIT_MS} ms; last: ${JSON.stringify(dev.state()).slice(0, 400)}`));
    }, EVENT_WAIT_MS);
    const off = dev.subscribe((s) => {
      if (!ok(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of events into one call, after the last event', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 150);
    for (let i = 0; i < 5; i++) {
      d.poke();
      vi.advanceTimersByTime(40);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(109); // 149 ms since the last event
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d.poke();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('serialRunner', () => {
  it('never runs two loads at once, and runs once more for every request made during a load', async () => {
    let active = 0;
    let maxActive = 0;
    const releases: (() => void)[] = [];
    const task = vi.fn(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((r) => releases.push(r));
      active -= 1;
    });
    const runner = serialRunner(task, () => undefined);
    runner.request();
    runner.request();
    runner.request(); // three requests during the first load: one more load, not three
    expect(task).toHaveBeenCalledTimes(1);
    releases.shift()?.();
    await vi.waitFor(() => {
      expect(task).toHaveBeenCalledTimes(2);
    });
    releases.shift()?.();
    await runner.idle();
    expect(task).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
  });

  it('goes on after a failed load', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = serialRunner(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('disk gone')) : Promise.resolve();
      },
      (err) => errors.push(err),
    );
    runner.request();
    await runner.idle();
    runner.request();
    await runner.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

describe('watchTree', () => {
  it('hears a file renamed over another, and files in a folder made after the watch began', async () => {
    const root = makeTempDir('halab-watch-');
    await writeFile(join(root, 'a.md'), 'one');
    const seen: string[] = [];
    const waiting = new Map<string, () => void>();
    const tree = await watchTree(
      root,
      (rel) => {
        seen.push(rel);
        waiting.get(rel)?.();
      },
      () => undefined,
    );
    /** Resolves once `rel` was heard (at once if it was already); rejects after EVENT_WAIT_MS. */
    const until = (rel: string): Promise<void> =>
      new Promise((resolve, reject) => {
        if (seen.includes(rel)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error(`never heard of ${rel}; heard ${seen.join(', ')}`));
        }, EVENT_WAIT_MS);
        waiting.set(rel, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    try {
      await writeFile(join(root, 'a.md.tmp'), 'two');
      await rename(join(root, 'a.md.tmp'), join(root, 'a.md'));
      await until('a.md');
      expect(seen).not.toContain('a.md.tmp'); // editors' scratch files are not changes of the pack
      await mkdir(join(root, 'steps'));
      await until('steps');
      await tree.rescan();
      await writeFile(join(root, 'steps', 'b.md'), 'three');
      await until(join('steps', 'b.md'));
    } finally {
      tree.close();
    }
  });
});

describe('createPackDev', () => {
  let dev: PackDev | undefined;
  afterEach(() => {
    dev?.close();
    dev = undefined;
  });

  it('pushes the new lesson after a step file is saved through a rename, and after lab.yaml changes', async () => {
    const dir = await writePack();
    dev = await createPackDev(dir, { debounceMs: 50 });
    const first = dev.state();
    expect(first.preview?.steps[0]?.body.en).toBe('# First\n');
    expect(first.preview?.steps[0]?.checks[0]).toMatchObject({ id: 'has-file', kind: 'file', hint: { en: 'Write it', 'zh-CN': '写它' } });

    const step = nextState(dev, (s) => s.preview?.steps[0]?.body.en.includes('Edited') ?? false);
    await writeFile(join(dir, 'steps', 'en.md.new'), '# Edited first\n');
    await rename(join(dir, 'steps', 'en.md.new'), join(dir, 'steps', 'en.md'));
    const afterStep = await step;
    expect(afterStep.revision).toBeGreaterThan(first.revision);

    const manifest = nextState(dev, (s) => s.preview?.title.en === 'Tiny, renamed');
    await writeFile(join(dir, 'lab.yaml'), MINIMAL_MANIFEST.replace('title: { en: Tiny,', 'title: { en: "Tiny, renamed",'));
    expect((await manifest).loadError).toBeUndefined();
  });

  it('lists a broken lab.yaml at its file and line, keeps the last lesson, and recovers when it is fixed', async () => {
    const dir = await writePack();
    dev = await createPackDev(dir, { debounceMs: 50 });
    const broken = nextState(dev, (s) => s.loadError !== undefined);
    // An unknown check kind on line 23 of the manifest.
    await writeFile(join(dir, 'lab.yaml'), MINIMAL_MANIFEST.replace('kind: file', 'kind: fiel'));
    const bad = await broken;
    const lineOfKind = MINIMAL_MANIFEST.split('\n').findIndex((l) => l.includes('kind: file')) + 1;
    expect(bad.findings).toContainEqual(expect.objectContaining({ level: 'error', file: 'lab.yaml', line: lineOfKind }));
    expect(bad.loadError).toMatch(/^lab\.yaml:\d+: /);
    expect(bad.preview?.title.en).toBe('Tiny'); // the last version that loaded stays

    const fixed = nextState(dev, (s) => s.loadError === undefined);
    await writeFile(join(dir, 'lab.yaml'), MINIMAL_MANIFEST);
    expect((await fixed).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('says why a folder without a pack does not load, and loads it once lab.yaml appears', async () => {
    const dir = makeTempDir('halab-empty-pack-');
    dev = await createPackDev(dir, { debounceMs: 50 });
    expect(dev.state().preview).toBeUndefined();
    expect(dev.state().loadError).toMatch(/lab\.yaml/);
    const loaded = nextState(dev, (s) => s.preview?.id === 'tiny');
    const source = await writePack();
    for (const rel of ['files/keepalived.conf', 'steps/en.md', 'steps/zh.md']) {
      await mkdir(join(dir, rel, '..'), { recursive: true });
      await writeFile(join(dir, rel), await readFile(join(source, rel)));
    }
    await writeFile(join(dir, 'lab.yaml'), MINIMAL_MANIFEST);
    expect((await loaded).loadError).toBeUndefined();
  });
});
