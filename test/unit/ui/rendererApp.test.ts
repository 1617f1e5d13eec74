// @vitest-environment happy-dom
// The shell: first-run screen (Docker missing, image missing with a build fed by progress events),
// the language default (system.status' in the desktop app, the browser's in the browser host), the switch and
// its memory, the reconnect banner.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SystemStatus } from '../../../common/contract.js';
import { alwaysOpen, type ConnectionState } from '../../../renderer/api/connection.js';
import { App } from '../../../renderer/app/App.js';
import { createLangState } from '../../../renderer/i18n/langState.js';
import { parseImageLine } from '../../../renderer/app/imageProgress.js';
import { createStore } from '../../../renderer/util/store.js';
import { fakeApi, labSummaries, status } from './rendererFakeApi.js';

vi.mock('../../../renderer/terminal/index.js', () => ({ mountTerminal: () => ({ dispose: () => undefined, focus: () => undefined, fit: () => undefined, setLang: () => undefined }) }));
vi.mock('../../../renderer/editor/index.js', () => ({ mountEditor: () => new Promise(() => undefined) }));

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
});

describe('language', () => {
  it('defaults to the system language in the desktop app, switches on demand and remembers the choice', async () => {
    const api = fakeApi({ 'system.status': () => status({ defaultLang: 'zh-CN' }), 'labs.list': () => labSummaries() });
    const desktop = () => createLangState({ host: 'desktop', languages: ['en-US'] });
    const first = render(h(App, { api, connection: alwaysOpen(), langState: desktop() }));
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('实验');
    });
    const sw = screen.getByTestId<HTMLSelectElement>('lang-switch');
    expect(sw.value).toBe('zh-CN');
    expect((await screen.findByTestId('lab-card-vrrp-pair')).textContent).toContain('第一对 VRRP 主备');
    expect(document.documentElement.lang).toBe('zh-CN');

    fireEvent.change(sw, { target: { value: 'en' } });
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Labs');
    });
    expect(screen.getByTestId('lab-card-vrrp-pair').textContent).toContain('The first VRRP pair');
    expect(screen.getByTestId('lab-card-vrrp-pair').textContent).toContain('Continue');
    expect(localStorage.getItem('halab.lang')).toBe('en');
    first.unmount();

    // The learner's choice wins over the system default next time.
    render(h(App, { api, connection: alwaysOpen(), langState: desktop() }));
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Labs');
    });
  });

  it('in the browser host keeps the browser’s language whatever the host process’s locale says', async () => {
    const api = fakeApi({ 'system.status': () => status({ defaultLang: 'zh-CN' }), 'labs.list': () => labSummaries() });
    render(h(App, { api, connection: alwaysOpen(), langState: createLangState({ host: 'browser', languages: ['en-US', 'zh-CN'] }) }));
    expect((await screen.findByTestId('lab-card-vrrp-pair')).textContent).toContain('The first VRRP pair');
    expect(api.calls.filter((c) => c.method === 'system.status')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Labs');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('first run', () => {
  it('explains a missing Docker with the fix, and Retry checks again', async () => {
    let docker: SystemStatus['docker'] = { ok: false, message: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.', fix: 'Start it: sudo systemctl start docker' };
    const api = fakeApi({ 'system.status': () => status({ docker }), 'labs.list': () => labSummaries() });
    render(h(App, { api, connection: alwaysOpen() }));
    const card = await screen.findByTestId('setup-docker');
    expect(card.textContent).toContain('Docker is not available');
    expect(card.textContent).toContain('Cannot connect to the Docker daemon');
    expect(card.textContent).toContain('sudo systemctl start docker');
    docker = { ok: true };
    fireEvent.click(screen.getByTestId('setup-retry'));
    await screen.findByTestId('lab-card-vrrp-pair');
    expect(screen.queryByTestId('setup-docker')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'system.status')).toHaveLength(2);
  });

  it('builds a missing image with a progress bar fed by image.progress, then lists the labs', async () => {
    let present = false;
    let finish: (v: { tag: string }) => void = () => undefined;
    const api = fakeApi({
      'system.status': () => status({ image: { tag: 'halab-node:abc', present, building: false, canBuildOffline: true } }),
      'image.build': () =>
        new Promise((r) => {
          finish = r;
        }),
      'labs.list': () => labSummaries(),
    });
    render(h(App, { api, connection: alwaysOpen() }));
    fireEvent.click(await screen.findByTestId('setup-build'));
    await act(() => {
      api.emit('image.progress', { line: '[image] building halab-node:abc offline (debootstrap)', done: false });
      api.emit('image.progress', { line: '[image] debootstrap: installing 212 packages (41.2s)', done: false });
    });
    const card = screen.getByTestId('setup-image');
    await waitFor(() => {
      expect(card.textContent).toContain('Installing Debian and the packages');
    });
    expect(card.textContent).toContain('installing 212 packages');
    expect(card.textContent).toMatch(/elapsed \d/);
    expect(Number(card.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow'))).toBe(29);
    present = true;
    await act(() => {
      api.emit('image.progress', { line: '[image] done: halab-node:abc (71.0s)', done: true });
      finish({ tag: 'halab-node:abc' });
    });
    await screen.findByTestId('lab-card-vrrp-pair');
    expect(screen.queryByTestId('setup-image')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'image.build')).toHaveLength(1);
  });

  it('parses the builders’ progress lines', () => {
    expect(parseImageLine('[image] mirror: using <mirror> (0.4s)')).toEqual({ phase: 'mirror', message: 'using <mirror>', fraction: 1 / 7, seconds: 0.4 });
    expect(parseImageLine('[image] ERROR: debootstrap failed')).toEqual({ error: 'debootstrap failed' });
    expect(parseImageLine('#7 [3/5] RUN apt-get install -y keepalived')?.fraction).toBeCloseTo(0.4);
    expect(parseImageLine('[image] halab-node:abc ready in 12.0 s')?.phase).toBeUndefined();
    expect(parseImageLine('random output')).toBeUndefined();
  });
});

describe('connection banner', () => {
  it('shows "connection lost — reconnecting" while the link is down', async () => {
    const connection = createStore<ConnectionState>({ status: 'open', attempt: 0, session: 1 });
    const api = fakeApi({ 'system.status': () => status(), 'labs.list': () => labSummaries() });
    render(h(App, { api, connection }));
    await screen.findByTestId('lab-card-vrrp-pair');
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    await act(() => {
      connection.set({ status: 'reconnecting', attempt: 2, retryAt: Date.now() + 3000, session: 1 });
    });
    expect(screen.getByTestId('connection-banner').textContent).toContain('Connection lost — reconnecting');
    await act(() => {
      connection.set({ status: 'open', attempt: 0, session: 2 });
    });
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('shows the Docker banner on docker.connection events', async () => {
    const api = fakeApi({ 'system.status': () => status(), 'labs.list': () => labSummaries() });
    render(h(App, { api, connection: alwaysOpen() }));
    await screen.findByTestId('lab-card-vrrp-pair');
    await act(() => {
      api.emit('docker.connection', { ok: false, message: 'docker.sock: connection refused' });
    });
    expect(screen.getByTestId('docker-banner').textContent).toContain('connection refused');
    await act(() => {
      api.emit('docker.connection', { ok: true });
    });
    expect(screen.queryByTestId('docker-banner')).toBeNull();
  });
});
