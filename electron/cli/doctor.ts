// What this machine can and cannot do for the labs, found by looking, never assumed.
import { runtime } from '../runtime/current.js';
import { imageExists, canBuildOffline } from '../image/buildImage.js';
import { imageTag } from '../image/imageTag.js';
import { errorMessage, UserError } from '../util/errors.js';
import { kernelFeatures } from '../system/kernelFeatures.js';

export interface DoctorItem {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Required items make doctor fail; optional ones only limit some labs. */
  required: boolean;
}

export async function doctor(): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  let dockerOk = false;
  try {
    const v = await runtime().version();
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
  for (const k of await kernelFeatures()) items.push({ ...k, name: `kernel: ${k.name}`, required: false });
  return items;
}
