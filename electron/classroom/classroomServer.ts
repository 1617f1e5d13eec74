// `halab classroom`: one server for a class. The first start creates the class (its database, one
// personal link per learner, written to a file only the instructor can read); later starts reopen it, so
// a server killed mid-class comes back with every learner's progress, links and running labs. Each start
// prints a fresh instructor link (the last one is revoked). A first start that failed after the class file
// was made gives the learners their links at the next start (or `halab classroom links`).
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPack } from '../labs/catalog.js';
import { startHost, type Host } from '../host/startHost.js';
import { UserError } from '../util/errors.js';
import { DEFAULT_CLASS_LIMITS, type Classroom, type ClassLimits } from './classroom.js';
import { classHostAccess, MAX_SOCKETS_PER_PERSON } from './classAccess.js';
import { linkHostOf } from './classAddress.js';
import { originInLinks, writeLinks } from './classLinks.js';
import { signInRefusedPage } from './signInRefusedPage.js';
import { classroomHandlers } from './classHandlers.js';
import { ClassHub } from './classHub.js';
import { ClassLoad } from './classLoad.js';
import { setUpEngines, watchLocalEngine, type ClassEngineSetup } from './classEngineSetup.js';
import type { EngineConfig } from '../runtime/dockerEngineConfig.js';
import { broadcastTo } from '../api/dispatch.js';
import { classLearnerScope } from './classScope.js';
import { ClassStore } from './classStore.js';
import { givenTls, selfSignedTls, type ClassTls } from './classTls.js';
import { parseRoster, rosterOfCount } from './roster.js';
import { INSTRUCTOR, type ClassLab } from './types.js';

export interface ClassroomOptions {
  /** Where the class lives: class.db, links.csv, tls/. */
  dir: string;
  name: string;
  /** For a new class: a roster CSV file, or a number of learners. */
  roster?: { file: string } | { count: number };
  /** For a new class: its lab ids, in order. */
  labs?: string[];
  port: number;
  bind: string;
  /** The name or address learners type (the links carry it); required with a wildcard bind, default the bind address. */
  urlHost?: string;
  tls?: { cert: string; key: string };
  /** The command that prints a fresh instructor link, as the page for a dead link shows it. */
  instructorLinkCommand?: string;
  limits?: Partial<ClassLimits>;
  /** A learner's lab untouched this long is suspended (default 30 minutes). */
  idleMs?: number;
  /** How often labs are measured and idle ones looked for (default 1 minute). */
  sweepMs?: number;
  /** Several Docker engines to place the learners' labs on (an engines file); the local one when not given. */
  engines?: EngineConfig[];
  log?: (line: string) => void;
}

export interface RunningClassroom {
  host: Host;
  room: Classroom;
  instructorUrl: string;
  /** Written when the class was created: name, id and personal link of every learner. */
  linksFile: string;
  tls?: ClassTls;
  load: ClassLoad;
  close(): Promise<void>;
}

function rosterOf(source: NonNullable<ClassroomOptions['roster']>): { id: string; name: string }[] {
  if ('count' in source) return rosterOfCount(source.count);
  const parsed = parseRoster(readFileSync(source.file, 'utf8'));
  if ('problems' in parsed) {
    throw new UserError(`The roster ${source.file} has problems:\n${parsed.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`, {
      fix: 'Fix those lines and start again.',
      code: 'E_BAD_INPUT',
    });
  }
  return parsed.learners;
}

async function loadLabs(ids: readonly string[]): Promise<ClassLab[]> {
  return Promise.all(
    ids.map(async (id) => {
      const m = (await findPack(id)).manifest;
      return { id: m.id, title: m.title, steps: m.steps.map((s) => ({ id: s.id, title: s.title })) };
    }),
  );
}

export async function startClassroom(opts: ClassroomOptions): Promise<RunningClassroom> {
  const file = join(opts.dir, 'class.db');
  const linksFile = join(opts.dir, 'links.csv');
  const fresh = !existsSync(file);
  if (fresh && (!opts.roster || !opts.labs?.length))
    throw new UserError('A new class needs a roster and its labs.', { fix: 'halab classroom --roster names.csv --labs vrrp-pair,failure-modes (or --learners 12).', code: 'E_USAGE' });
  const linkHost = linkHostOf(opts.bind, opts.urlHost); // before anything is made: a wildcard bind needs a name
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const labs = fresh ? await loadLabs(opts.labs ?? []) : undefined; // an unknown lab fails before the class exists
  const roster = fresh && opts.roster ? rosterOf(opts.roster) : undefined;
  const store = ClassStore.open(file, { create: fresh });
  let engineSetup: ClassEngineSetup | undefined;
  // What runs once the host is up is stopped again if a later step of the start fails.
  let stopServing: (() => Promise<void>) | undefined;
  // Progress and token hashes are the class's business only (SQLite gives its -wal and -shm files the same mode).
  chmodSync(file, 0o600);
  try {
    if (fresh) {
      store.setClass({ name: opts.name, labs: opts.labs ?? [] });
      store.addLearners(roster ?? []);
    }
    const info = store.classInfo();
    if (!info) throw new UserError(`${file} holds no class.`, { code: 'E_BAD_INPUT' });
    const room: Classroom = { name: info.name, store, labs: labs ?? (await loadLabs(info.labs)), limits: { ...DEFAULT_CLASS_LIMITS, ...opts.limits } };
    const tls = opts.tls ? givenTls(opts.tls.cert, opts.tls.key) : opts.bind !== '127.0.0.1' ? selfSignedTls(join(opts.dir, 'tls'), linkHost) : undefined;
    const log = opts.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
    engineSetup = opts.engines?.length ? await setUpEngines(opts.engines, store, log) : watchLocalEngine(store, log);
    const hub = new ClassHub(room, engineSetup?.gridExtras);
    if (tls?.madeBecause !== undefined) log(`[classroom] made a new self-signed certificate for ${linkHost}: ${tls.madeBecause}`);
    const load = new ClassLoad({
      idleMs: opts.idleMs ?? 30 * 60_000,
      sweepMs: opts.sweepMs ?? 60_000,
      log,
      learnerIds: () => store.learners().map((l) => l.id),
      ...(room.limits.maxLabs !== undefined ? { maxLabs: room.limits.maxLabs } : {}),
      ...(engineSetup.pool ? { pool: engineSetup.pool, onPlaced: (instance: string) => engineSetup?.engines.restarted(instance) } : {}),
      onLabChanged: (scope, lab, running) => {
        broadcastTo(scope, 'lab.changed', { lab, running });
      },
      onSuspended: (instance) => {
        const owner = store.learners().find((l) => instance.startsWith(`${l.id}-`));
        if (owner) broadcastTo(classLearnerScope(store, owner), 'lab.changed', { lab: instance.slice(owner.id.length + 1), running: false });
      },
    });
    const instructorToken = store.reissue(INSTRUCTOR);
    const learners = store.learners();
    const instructorCommand = opts.instructorLinkCommand ?? `halab classroom links --dir ${opts.dir} --instructor`;
    const host = await startHost({
      port: opts.port,
      host: opts.bind,
      urlHost: linkHost,
      ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
      access: { access: classHostAccess(store), ownerToken: instructorToken },
      handlers: classroomHandlers(room, hub, load),
      // Every person's pages up to the per-person limit, the instructor's included: nobody's tabs crowd out another's.
      maxSessions: (learners.length + 1) * MAX_SOCKETS_PER_PERSON,
      maxSocketsPerPerson: MAX_SOCKETS_PER_PERSON,
      refusedPage: (lang) => signInRefusedPage(lang, instructorCommand),
      log,
    });
    stopServing = async () => {
      load.stop();
      hub.stop();
      await host.close();
    };
    load.start();
    engineSetup?.start(load, () => {
      hub.push();
    });
    // The address links.csv's links carry, for `halab classroom links` to use while no server runs.
    store.setClass({ ...info, settings: { ...info.settings, origin: host.origin } });
    const neverLinked = learners.some((l) => store.tokenCount(l.id).issued === 0);
    // The links hold the address of the first start: served elsewhere now, they need it changed.
    const first = originInLinks(linksFile);
    if (fresh || neverLinked || !existsSync(linksFile)) {
      const written = writeLinks(store, linksFile, host.origin);
      if (written.missing.length)
        log(`[classroom] ${written.missing.length} learner(s) have no link in ${linksFile} (${written.missing.join(', ')}): halab classroom links --dir ${opts.dir} --reissue ID gives one`);
    } else if (first && first !== host.origin)
      log(`[classroom] the links in ${linksFile} point at ${first}, but this start serves ${host.origin}: start with the same --bind and --port, or tell the learners the new address`);
    return {
      host,
      room,
      instructorUrl: `${host.origin}/?token=${instructorToken}#/class`,
      linksFile,
      ...(tls ? { tls } : {}),
      load,
      close: async () => {
        engineSetup?.close();
        await stopServing?.();
        store.close();
      },
    };
  } catch (err) {
    engineSetup?.close();
    await stopServing?.().catch(() => undefined);
    store.close();
    throw err;
  }
}
