// The open pack's both-ways self-test from the page: `halab test-pack` itself (selftest/testPack.ts), its
// readings passed on as they are made. One at a time per pack: a second would start a second set of nodes.
import type { PackDevSelfTestEvent, PackDevSelfTestReport } from '../../common/packDev.js';
import { loadPack } from '../labs/loadPack.js';
import { testPack } from '../selftest/testPack.js';
import { UserError } from '../util/errors.js';

const running = new Set<string>();

/** Named after the lab (`halab status` lists the two side by side), apart from the lab the author started. */
export const selfTestInstance = (id: string): string => `${id}-selftest`;

/** `instance`: the self-test lab's name (selfTestInstance by default). */
export async function selfTestPack(dir: string, onEvent: (event: PackDevSelfTestEvent) => void, instance?: string): Promise<PackDevSelfTestReport> {
  if (running.has(dir)) throw new UserError('The self-test of this pack is already running.', { fix: 'Wait for its readings to finish.', code: 'E_BUSY' });
  running.add(dir);
  try {
    // Loaded now, not from the page's last preview: the test proves what is on disk.
    const pack = await loadPack(dir);
    const report = await testPack(pack, {
      instance: instance ?? selfTestInstance(pack.manifest.id),
      onProgress: (line) => {
        onEvent({ kind: 'progress', line });
      },
      onReading: (phase, step, c) => {
        onEvent({ kind: 'reading', phase, step, check: c.id, passed: c.passed, expected: c.expected, seen: c.seen, ms: c.ms });
      },
    });
    return { lab: report.lab, passed: report.passed, checksProven: report.checksProven, checksTotal: report.checksTotal, defects: report.defects, seconds: report.seconds };
  } finally {
    running.delete(dir);
  }
}
