// How many labs a machine holds, from what running labs use: memory decides on a lab machine (labs at rest
// use little CPU), a fifth of everything stays free, and before any measurement a lab counts as 64 MiB.
import { describe, expect, it } from 'vitest';
import { capacityOf, DEFAULT_LAB_BYTES } from '../../electron/classroom/capacity.js';

const MB = 1024 * 1024;

describe('class capacity', () => {
  it('counts a lab as 64 MiB until one is measured, keeping a fifth of the memory free', () => {
    expect(capacityOf({ availableBytes: 10 * DEFAULT_LAB_BYTES, cores: 2, running: 0, uses: [] })).toBe(8);
    // Running labs already took their memory out of what is available.
    expect(capacityOf({ availableBytes: 10 * DEFAULT_LAB_BYTES, cores: 2, running: 3, uses: [] })).toBe(11);
  });

  it('sizes a lab by the largest one measured, and lets busy labs limit by CPU', () => {
    const uses = [
      { bytes: 40 * MB, cores: 0.1 },
      { bytes: 50 * MB, cores: 0.3 },
    ];
    // Memory: 2 running + floor(0.8 * 1000 / 50) = 18; CPU: floor(0.8 * 2 / 0.2) = 8.
    expect(capacityOf({ availableBytes: 1000 * MB, cores: 2, running: 2, uses })).toBe(8);
    expect(capacityOf({ availableBytes: 1000 * MB, cores: 16, running: 2, uses })).toBe(18);
  });

  it('never answers less than nothing', () => {
    expect(capacityOf({ availableBytes: 0, cores: 1, running: 0, uses: [{ bytes: 50 * MB, cores: 2 }] })).toBe(0);
  });
});
