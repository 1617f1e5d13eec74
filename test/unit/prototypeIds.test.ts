// "constructor" as a step or lab id wrote onto the global Object through the progress store
// (`??=` on plain objects), and the lab list broke. The schema refuses such ids now, and the store keeps its
// maps without a prototype, so even an old progress file with such keys cannot reach Object.prototype.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPack } from '../../electron/labs/loadPack.js';
import { loadProgress, markSolvedIn, recordStep, stepStatus, type StepProgress } from '../../electron/progress/progressStore.js';
import { PackError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const RESERVED = ['constructor', 'prototype', '__proto__'];
const objectKeys = (): string[] => Object.getOwnPropertyNames(Object).sort();
const protoKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();

describe('prototype-safe ids', () => {
  const before = { object: objectKeys(), proto: protoKeys() };
  beforeEach(() => {
    process.env.HALAB_HOME = makeTempDir('halab-proto-home-');
  });
  afterEach(() => {
    expect(objectKeys()).toEqual(before.object);
    expect(protoKeys()).toEqual(before.proto);
  });

  it('the schema refuses them as lab, step, check and node ids, located', async () => {
    for (const id of RESERVED) {
      for (const [what, from, to] of [
        ['lab', 'id: tiny', `id: "${id}"`],
        ['step', 'id: first', `id: "${id}"`],
        ['check', 'id: has-file', `id: "${id}"`],
        ['node', '- name: lb01', `- name: "${id}"`],
      ] as const) {
        const err = await loadPack(await writePack(MINIMAL_MANIFEST.replace(from, to))).catch((e: unknown) => e);
        expect(err, `${what} ${id}`).toBeInstanceOf(PackError);
        expect((err as PackError).message, `${what} ${id}`).toMatch(/lab\.yaml:\d+:\d+: .*(reserved|lowercase)/);
      }
    }
  });

  it('recording a step or a lab named constructor touches nothing global and is kept', async () => {
    expect(await recordStep('lab', { step: 'constructor', passed: true })).toBe(true);
    expect(await recordStep('constructor', { step: 'take-vip', passed: true })).toBe(true);
    expect(await recordStep('__proto__', { step: '__proto__', passed: true })).toBe(true);
    const { progress } = await loadProgress();
    const steps = (lab: string): Record<string, StepProgress | undefined> | undefined => progress.labs[lab]?.steps;
    expect(stepStatus(steps('lab')?.['constructor'])).toBe('earned');
    expect(stepStatus(steps('constructor')?.['take-vip'])).toBe('earned');
    expect(stepStatus(steps('lab')?.['toString' as string])).toBe('todo');
    expect(stepStatus(steps('other')?.['constructor'])).toBe('todo');
    expect((Object as unknown as Record<string, unknown>).earnedAt).toBeUndefined();
  });

  it('an old progress file with such keys loads without touching Object.prototype', async () => {
    const file = join(process.env.HALAB_HOME ?? '', 'progress.json');
    await writeFile(
      file,
      '{"format":1,"labs":{"__proto__":{"steps":{"__proto__":{"polluted":1,"attempts":1}}},"constructor":{"steps":{"prototype":{"attempts":1}}},"lab":{"steps":{"__proto__":{"earnedAt":"2026-01-01T00:00:00.000Z","attempts":1}}}}}',
    );
    const { progress } = await loadProgress();
    markSolvedIn(progress, 'constructor', ['constructor', '__proto__']);
    markSolvedIn(progress, 'toString', ['valueOf']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stepStatus(progress.labs.lab?.steps.first)).toBe('todo');
    expect(stepStatus((progress.labs['constructor']?.steps as Record<string, StepProgress | undefined>)['constructor'])).toBe('solved');
    expect(await recordStep('__proto__', { step: 'x', passed: false })).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
