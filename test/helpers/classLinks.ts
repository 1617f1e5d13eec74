// What the tests of a class read from a running classroom server: each learner's token from links.csv (as the
// instructor hands the links out), the instructor's token from the printed link, and a page's API socket.
import { readFileSync } from 'node:fs';
import type { RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { connectApi, type ApiClient } from './hostClient.js';

/** Learner id -> token, in the file's order ('' for a learner the file gives no link). */
export function learnerTokens(linksFile: string): Map<string, string> {
  const rows = readFileSync(linksFile, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/)
    .slice(1);
  return new Map(rows.map((l) => l.split(',')).map(([, id, link]) => [id ?? '', link ? (new URL(link).searchParams.get('token') ?? '') : '']));
}

export const instructorTokenOf = (room: RunningClassroom): string => new URL(room.instructorUrl).searchParams.get('token') ?? '';

/** Opens a page's API socket on the class with this token; `opened` collects it for closing after the test. */
export async function classPage(room: RunningClassroom, token: string, opened: ApiClient[]): Promise<ApiClient> {
  const c = await connectApi({ port: room.host.port, origin: room.host.origin, token });
  opened.push(c);
  return c;
}
