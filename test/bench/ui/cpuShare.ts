// Who was busy while a figure was measured: the whole machine (from /proc/stat), this process (the
// in-process browser host) and the page's main thread (Chromium's own task-time metric). Shares are of
// one core, so the machine's can reach its core count.
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface Snapshot {
  wallMs: number;
  machineBusyMs: number;
  selfCpuMs: number;
  pageTaskMs: number;
}

export interface CpuShares {
  machine: number;
  host: number;
  page: number;
}

/** Busy jiffies of all cores (everything but idle and iowait), in ms assuming the usual 100 Hz tick. */
function machineBusyMs(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return (total - idle) * 10;
}

export class CpuMeter {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<CpuMeter> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    return new CpuMeter(cdp);
  }

  async snapshot(): Promise<Snapshot> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const self = process.cpuUsage();
    return { wallMs: performance.now(), machineBusyMs: machineBusyMs(), selfCpuMs: (self.user + self.system) / 1000, pageTaskMs: taskSeconds * 1000 };
  }

  static shares(a: Snapshot, b: Snapshot): CpuShares {
    const wall = Math.max(1, b.wallMs - a.wallMs);
    const r = (x: number): number => Math.round((x / wall) * 100) / 100;
    return { machine: r(b.machineBusyMs - a.machineBusyMs), host: r(b.selfCpuMs - a.selfCpuMs), page: r(b.pageTaskMs - a.pageTaskMs) };
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
