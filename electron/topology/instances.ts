// Records of running labs on disk. A record in state "starting" whose owner process is gone marks an
// interrupted `up`: its Docker objects are orphans to remove.
import { readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { halabHome } from '../util/paths.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

export interface InstanceRecord {
  instance: string;
  lab: string;
  packDir: string;
  /** The subnet the pack asked for and the one actually used (they differ after a remap). */
  wantedSubnet: string;
  subnet: string;
  network: string;
  state: 'starting' | 'up';
  pid: number;
  pidStart: string;
  createdAt: string;
}

const dir = (): string => join(halabHome(), 'instances');
const file = (instance: string): string => join(dir(), `${instance}.json`);

/** The kernel's start time of a process: with the pid it identifies a process even after pid reuse. */
export function processStartTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

export function isProcessAlive(pid: number, startTime: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const now = processStartTime(pid);
  return now === '' || startTime === '' || now === startTime;
}

export async function saveInstance(rec: InstanceRecord): Promise<void> {
  await writeFileAtomic(file(rec.instance), JSON.stringify(rec, null, 2));
}

export async function loadInstance(instance: string): Promise<InstanceRecord | undefined> {
  try {
    return JSON.parse(await readFile(file(instance), 'utf8')) as InstanceRecord;
  } catch {
    return undefined;
  }
}

export async function listInstances(): Promise<InstanceRecord[]> {
  let names: string[];
  try {
    names = await readdir(dir());
  } catch {
    return [];
  }
  const records = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => loadInstance(n.slice(0, -5))));
  return records.filter((r): r is InstanceRecord => r !== undefined);
}

export async function removeInstanceRecord(instance: string): Promise<void> {
  await rm(file(instance), { force: true });
}

export function isActiveStart(rec: InstanceRecord): boolean {
  return rec.state === 'starting' && isProcessAlive(rec.pid, rec.pidStart);
}
