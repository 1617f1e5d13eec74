// Readings of another process from /proc (Linux): its resident memory, CPU time and open file descriptors, for
// tests that watch a long-running host for leaks.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Resident set size in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status (is the process gone?)`);
  return Number(kb) / 1024;
}

export interface FdCount {
  total: number;
  /** Per kind: socket, pipe, anon_inode, file, ... so a leak can be told apart from a busy pool. */
  byKind: Record<string, number>;
}

/** The process's open file descriptors, counted per kind. */
export function openFds(pid: number): FdCount {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let kind: string;
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      kind = target.startsWith('/') ? 'file' : (/^([a-z_]+):/.exec(target)?.[1] ?? 'other');
    } catch {
      continue; // closed between the listing and the readlink
    }
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    total++;
  }
  return { total, byKind };
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}
