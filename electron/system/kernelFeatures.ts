// Kernel features some labs need, found by looking at this machine, never assumed. Shared by `halab doctor`
// and the app's system status.
import { access, readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { UserError } from '../util/errors.js';

export interface KernelFeature {
  /** Short name, e.g. "IP_VS (LVS)". */
  name: string;
  ok: boolean;
  detail: string;
  /** What a missing feature means for the labs. */
  fix?: string;
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** A kernel feature: in use now, loadable as a module, or absent from this kernel. */
async function kernelFeature(module: string, procPath: string | undefined, modulePath: string): Promise<{ ok: boolean; detail: string }> {
  if (procPath && (await exists(procPath))) return { ok: true, detail: 'available' };
  if (await exists(`/sys/module/${module}`)) return { ok: true, detail: 'loaded' };
  const modules = await readFile(`/lib/modules/${release()}/modules.dep`, 'utf8').catch(() => '');
  if (modules.includes(modulePath)) return { ok: true, detail: `loadable (sudo modprobe ${module})` };
  return { ok: false, detail: `not in this kernel (${release()})` };
}

export async function kernelFeatures(): Promise<KernelFeature[]> {
  const [ipvs, netem] = await Promise.all([kernelFeature('ip_vs', '/proc/net/ip_vs', 'ip_vs.ko'), kernelFeature('sch_netem', undefined, 'sch_netem.ko')]);
  return [
    { name: 'IP_VS (LVS)', ...ipvs, ...(ipvs.ok ? {} : { fix: 'LVS virtual_server labs cannot run on this kernel; all other labs can.' }) },
    { name: 'netem', ...netem, ...(netem.ok ? {} : { fix: 'Delay/loss emulation is unavailable; labs do not depend on it.' }) },
  ];
}

/** Refuses a lab whose pack requires a kernel feature this machine lacks, saying so plainly. */
export async function assertKernelSupports(requires: readonly string[], lab: string): Promise<void> {
  if (!requires.includes('ip_vs')) return;
  const ipvs = (await kernelFeatures()).find((f) => f.name === 'IP_VS (LVS)');
  if (ipvs && !ipvs.ok) {
    throw new UserError(`The lab "${lab}" needs the kernel's IP_VS (LVS) module, which this machine does not have (${ipvs.detail}).`, {
      fix: 'Run it on a Linux host whose kernel has ip_vs (check with: halab doctor). All other labs work here.',
      code: 'E_KERNEL_FEATURE',
    });
  }
}
