// The first screen: is Docker there, is the lab image built? Explains what is missing and offers the fix
// (Retry, or Build with live progress); steps aside as soon as everything is ready.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { HalabApi, SystemStatus } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { formatDuration } from '../util/format.js';
import { parseImageLine, type ImagePhase } from './imageProgress.js';

export interface FirstRunProps {
  api: HalabApi;
  onStatus: (status: SystemStatus) => void;
  onReady: (status: SystemStatus) => void;
}

interface BuildState {
  startedAt: number;
  phase?: ImagePhase;
  message?: string;
  fraction?: number;
  lines: string[];
  error?: string;
  done: boolean;
}

const MAX_LOG_LINES = 400;

export function FirstRun({ api, onStatus, onReady }: FirstRunProps) {
  const { t, err: describe } = useI18n();
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const [build, setBuild] = useState<BuildState | null>(null);
  const [now, setNow] = useState(Date.now());
  const buildRef = useRef<BuildState | null>(null);

  // Uses only refs and state setters, so it is safe to call from the memoized callbacks below.
  function startWatching(): void {
    const b: BuildState = { startedAt: Date.now(), lines: [], done: false };
    buildRef.current = b;
    setBuild(b);
    setNow(Date.now());
  }

  const check = useCallback(async (): Promise<void> => {
    setChecking(true);
    setError(null);
    try {
      const s = await api.call('system.status', {});
      setStatus(s);
      onStatus(s);
      if (s.docker.ok && s.image.present) onReady(s);
      else if (s.image.building && !buildRef.current) startWatching();
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  }, [api, onStatus, onReady]);

  useEffect(() => {
    void check();
  }, [check]);

  // Build progress arrives as events, whoever started the build.
  useEffect(
    () =>
      api.on('image.progress', (p) => {
        const cur = buildRef.current ?? { startedAt: Date.now(), lines: [], done: false };
        const upd = parseImageLine(p.line);
        const next: BuildState = { ...cur, lines: [...cur.lines, p.line].slice(-MAX_LOG_LINES), done: p.done };
        if (upd?.phase) next.phase = upd.phase;
        if (upd?.message) next.message = upd.message;
        if (upd?.fraction !== undefined) next.fraction = Math.max(cur.fraction ?? 0, upd.fraction);
        if (upd?.error) next.error = upd.error;
        if (p.error) next.error = p.error;
        if (p.done && !p.error) next.fraction = 1;
        buildRef.current = next;
        setBuild(next);
        if (p.done && !p.error) void check();
      }),
    [api, check],
  );

  const running = build !== null && !build.done && !build.error;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [running]);

  const startBuild = async (): Promise<void> => {
    startWatching();
    try {
      await api.call('image.build', {});
      const done = { ...(buildRef.current ?? { startedAt: Date.now(), lines: [] }), done: true, fraction: 1 };
      buildRef.current = done;
      setBuild(done);
      await check();
    } catch (err) {
      const failed = { ...(buildRef.current ?? { startedAt: Date.now(), lines: [], done: true }), error: describe(err).message, done: true };
      buildRef.current = failed;
      setBuild(failed);
    }
  };

  if (error) {
    return (
      <section class="setup-card" aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.unreachableTitle')}</h1>
        <ErrorNote error={error} onRetry={() => void check()} />
      </section>
    );
  }
  if (!status) {
    return (
      <section class="setup-card setup-loading" aria-busy="true">
        <span class="spinner" aria-hidden="true" />
        <p>{t('setup.checking')}</p>
      </section>
    );
  }
  if (!status.docker.ok) {
    return (
      <section class="setup-card" aria-labelledby="setup-title" data-testid="setup-docker">
        <div class="setup-icon setup-icon-error" aria-hidden="true">
          !
        </div>
        <h1 id="setup-title">{t('setup.dockerTitle')}</h1>
        <p class="setup-lead">{t('setup.dockerLead')}</p>
        {status.docker.message && <p class="setup-detail">{status.docker.message}</p>}
        {status.docker.fix && (
          <div class="setup-fix">
            <h2>{t('setup.howToFix')}</h2>
            <pre>{status.docker.fix}</pre>
          </div>
        )}
        <button type="button" class="btn btn-primary" disabled={checking} onClick={() => void check()} data-testid="setup-retry">
          {checking ? t('setup.checkingShort') : t('common.retry')}
        </button>
      </section>
    );
  }
  // Docker is fine; the image is missing or being built.
  const elapsed = build ? (build.done ? 0 : now - build.startedAt) : 0;
  const phaseName = build?.phase ? t(`image.phase.${build.phase}` as 'image.phase.check') : t('image.phase.starting');
  return (
    <section class="setup-card" aria-labelledby="setup-title" data-testid="setup-image">
      <div class="setup-icon" aria-hidden="true">
        ⬢
      </div>
      <h1 id="setup-title">{t('setup.imageTitle')}</h1>
      <p class="setup-lead">{t('setup.imageLead')}</p>
      <p class="setup-detail">
        {t('setup.imageTag', { tag: status.image.tag })} · {status.image.canBuildOffline ? t('setup.offline') : t('setup.withDocker')}
      </p>
      {!build && (
        <button type="button" class="btn btn-primary" onClick={() => void startBuild()} data-testid="setup-build">
          {t('setup.build')}
        </button>
      )}
      {build && (
        <div class="build-progress" aria-live="polite">
          <div class="build-status">
            <strong>{build.error ? t('setup.buildFailed') : build.done ? t('setup.buildDone') : phaseName}</strong>
            {!build.done && <span class="muted">{t('setup.elapsed', { time: formatDuration(elapsed) })}</span>}
          </div>
          <ProgressBar value={build.fraction === undefined ? undefined : build.fraction * 100} label={t('setup.buildProgress')} />
          {build.message && !build.error && <p class="build-message">{build.message}</p>}
          {build.error && (
            <>
              <div class="note note-error" role="alert">
                <p class="note-message">{build.error}</p>
              </div>
              <button type="button" class="btn btn-primary" onClick={() => void startBuild()}>
                {t('common.retry')}
              </button>
            </>
          )}
          {build.lines.length > 0 && (
            <details class="build-log">
              <summary>{t('setup.showLog', { n: build.lines.length })}</summary>
              <pre>{build.lines.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
