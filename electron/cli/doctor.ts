// What this machine can and cannot do for the labs, found by looking, never assumed.
import { access, readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { ensureDocker } from '../docker/client.js';
import { imageExists, canBuildOffline } from '../image/buildImage.js';
import { imageTag } from '../image/imageTag.js';
import { errorMessage, UserError } from '../util/errors.js';

export interface DoctorItem {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Required items make doctor fail; optional ones only limit some labs. */
  required: boolean;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** A kernel feature: in use now, loadable as a module, or absent from this kernel. */
async function kernelFeature(module: string, procPath: string | undefined, modulePath: string): Promise<{ ok: boolean; detail: string }> {
  if (procPath && (await exists(procPath))) return { ok: true, detail: 'available' };
  if (await exists(`/sys/module/${module}`)) return { ok: true, detail: 'loaded' };
  const modules = await readFile(`/lib/modules/${release()}/modules.dep`, 'utf8').catch(() => '');
  if (modules.includes(modulePath)) return { ok: true, detail: `loadable (sudo modprobe ${module})` };
  return { ok: false, detail: `not in this kernel (${release()})` };
}

export async function doctor(): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  let dockerOk = false;
  try {
    const v = await ensureDocker();
    dockerOk = true;
    items.push({ name: 'docker', ok: true, detail: `engine ${v.version} (API ${v.apiVersion})`, required: true });
  } catch (err) {
    const fix = err instanceof UserError ? err.fix : undefined;
    items.push({ name: 'docker', ok: false, detail: errorMessage(err), ...(fix ? { fix } : {}), required: true });
  }
  const tag = await imageTag();
  if (dockerOk) {
    const present = await imageExists(tag);
    items.push({
      name: 'lab image',
      ok: present,
      detail: present ? tag : `${tag} not built yet`,
      ...(present ? {} : { fix: `halab image build${canBuildOffline() ? ' --offline' : ''} (or let the first "halab up" build it)` }),
      required: false,
    });
  }
  items.push({
    name: 'offline image builder',
    ok: canBuildOffline(),
    detail: canBuildOffline() ? 'root and debootstrap present' : 'needs root and debootstrap',
    required: false,
  });
  const ipvs = await kernelFeature('ip_vs', '/proc/net/ip_vs', 'ip_vs.ko');
  items.push({ name: 'kernel: IP_VS (LVS)', ...ipvs, ...(ipvs.ok ? {} : { fix: 'LVS virtual_server labs cannot run on this kernel; all other labs can.' }), required: false });
  const netem = await kernelFeature('sch_netem', undefined, 'sch_netem.ko');
  items.push({ name: 'kernel: netem', ...netem, ...(netem.ok ? {} : { fix: 'Delay/loss emulation is unavailable; labs do not depend on it.' }), required: false });
  return items;
}
