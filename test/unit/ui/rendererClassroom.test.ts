// @vitest-environment happy-dom
// A class in the UI: the instructor's dashboard (the live grid, a cell's last Check in both languages,
// resetting a learner's lab, a message to the class, the reports), a learner's name, class and the
// instructor's messages, and the machine's owner seeing nothing of a class.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../common/apiError.js';
import type { ClassMessageView, SessionInfo } from '../../../common/contract.js';
import { alwaysOpen } from '../../../renderer/api/connection.js';
import { App } from '../../../renderer/app/App.js';
import { createLangState } from '../../../renderer/i18n/langState.js';
import { cell, smallGrid } from './classFixture.js';
import { fakeApi, labDetail, labSummaries, status, type FakeHandlers } from './rendererFakeApi.js';

const downloads = vi.hoisted(() => [] as { filename: string; mime: string; content: string }[]);
vi.mock('../../../renderer/util/download.js', () => ({
  downloadText: (filename: string, mime: string, content: string) => {
    downloads.push({ filename, mime, content });
  },
}));
vi.mock('../../../renderer/terminal/index.js', () => ({ mountTerminal: () => ({ dispose: () => undefined, focus: () => undefined, fit: () => undefined, setLang: () => undefined }) }));
vi.mock('../../../renderer/editor/index.js', () => ({ mountEditor: () => new Promise(() => undefined) }));

const INSTRUCTOR: SessionInfo = { role: 'instructor', className: 'HA 101', labs: ['vrrp-pair'] };
const LEARNER: SessionInfo = { role: 'learner', className: 'HA 101', learner: { id: 'l02', name: '王小明' }, labs: ['vrrp-pair'] };
const message = (seq: number, text: string): ClassMessageView => ({ seq, text, at: `2026-03-02T09:0${seq}:00.000Z` });

function classApi(session: SessionInfo | null, more: FakeHandlers = {}) {
  return fakeApi({
    'system.status': () => status(),
    'labs.list': () => labSummaries().slice(0, 1),
    ...(session ? { 'session.info': () => session } : {}),
    'class.grid': () => smallGrid(),
    'class.watch': () => ({ ok: true }),
    'class.messages': () => [],
    // The lab names the check of step 2 that the grid's fixture reports; 'one-master' it does not name.
    'labs.get': () => labDetail({ steps: labDetail().steps.map((s, i) => (i === 1 ? { ...s, checks: [{ id: 'vip-on-lb01', title: { en: 'lb01 holds the VIP', 'zh-CN': 'VIP 在 lb01 上' } }] } : s)) }),
    ...more,
  });
}

const english = () => createLangState({ host: 'browser', languages: ['en'] });
const cellOf = (learner: string, index: number): HTMLElement => screen.getByTestId(`cell-${learner}-vrrp-pair-${index}`);

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '';
  downloads.length = 0;
});
afterEach(() => {
  cleanup();
});

describe('the instructor', () => {
  it('starts on the dashboard: the class, its counts and every status in the grid, watched live', async () => {
    const api = classApi(INSTRUCTOR);
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    expect((await screen.findByTestId('class-name')).textContent).toBe('HA 101');
    expect(window.location.hash).toBe('#/class');
    expect(screen.getByTestId('class-count-learners').textContent).toBe('2 learners');
    expect(screen.getByTestId('class-count-earned').textContent).toBe('1 of 8 steps earned');
    expect(screen.getByTestId('class-count-stuck').textContent).toBe('1 stuck');
    expect(['earned', 'working', 'solved', 'not-started'].map((_, i) => cellOf('l01', i).dataset.status)).toEqual(['earned', 'working', 'solved', 'not-started']);
    expect(cellOf('l02', 0).dataset.status).toBe('stuck');
    expect(cellOf('l02', 0).getAttribute('aria-label')).toBe('王小明 · Step 1: Write the configurations · Stuck · Checks: 7');
    expect(screen.getByTestId('class-step-vrrp-pair-1').getAttribute('title')).toBe('Step 2: Start keepalived');
    expect(screen.getByTestId('session-badge').textContent).toContain('Instructor');
    expect(screen.getByTestId('session-class').textContent).toBe('Class HA 101');
    // The single learner's report is not the instructor's: the dashboard exports the class's.
    expect(screen.queryByTestId('report-button')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'class.watch').map((c) => c.input)).toEqual([{ on: true }]);
    expect(screen.getByTestId('class-open-labs').getAttribute('href')).toBe('#/');
  });

  it('re-renders on class.update and keeps an older push from overwriting a newer grid', async () => {
    const api = classApi(INSTRUCTOR);
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('class-grid');
    const later = smallGrid({ at: '2026-03-02T09:01:00.000Z' });
    const bo = later.learners[1];
    if (bo?.labs[0]) bo.labs[0].cells[0] = cell(0, 'earned', { attempts: 8 });
    await act(() => {
      api.emit('class.update', later);
    });
    expect(cellOf('l02', 0).dataset.status).toBe('earned');
    expect(cellOf('l02', 0).dataset.attempts).toBe('8');
    expect(screen.getByTestId('class-count-earned').textContent).toBe('2 of 8 steps earned');
    expect(screen.getByTestId('class-count-stuck').textContent).toBe('0 stuck');
    await act(() => {
      api.emit('class.update', smallGrid());
    });
    expect(cellOf('l02', 0).dataset.status).toBe('earned');
  });

  it("opens a cell's last Check with expected and seen in the UI's language, and follows the live grid", async () => {
    const api = classApi(INSTRUCTOR);
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('class-grid');
    fireEvent.click(cellOf('l01', 1));
    const panel = screen.getByTestId('class-cell-panel');
    expect(panel.textContent).toContain('Ada Lovelace');
    expect(panel.textContent).toContain('Step 2: Start keepalived');
    expect(screen.getByTestId('class-panel-status').textContent).toContain('Working on it');
    const vip = within(panel).getByTestId('class-check-vip-on-lb01');
    expect(vip.dataset.passed).toBe('false');
    expect(within(vip).getByTestId('class-check-expected').textContent).toBe('10.0.0.3 on lb01');
    expect(within(vip).getByTestId('class-check-seen').textContent).toBe('nobody holds 10.0.0.3');
    // The check's title comes from the lab itself; a check the lab does not name shows its id.
    await waitFor(() => {
      expect(vip.textContent).toContain('lb01 holds the VIP');
    });
    expect(within(panel).getByTestId('class-check-one-master').textContent).toContain('one-master');
    expect(screen.getByTestId('class-panel-when').textContent).toMatch(/^Last Check at /);

    fireEvent.change(screen.getByTestId('lang-switch'), { target: { value: 'zh-CN' } });
    await waitFor(() => {
      expect(within(vip).getByTestId('class-check-seen').textContent).toBe('没有节点持有 10.0.0.3');
    });
    expect(within(vip).getByTestId('class-check-expected').textContent).toBe('10.0.0.3 在 lb01 上');
    expect(vip.textContent).toContain('VIP 在 lb01 上');
    expect(screen.getByTestId('class-panel-status').textContent).toContain('进行中');
    expect(screen.getByTestId('class-panel-when').textContent).toMatch(/^最近一次检查：/);
    expect(screen.getByTestId('class-count-learners').textContent).toBe('2 名学员');
    expect(cellOf('l02', 0).getAttribute('aria-label')).toBe('王小明 · 第 1 步：编写配置 · 卡住了 · 检查 7 次');

    // A new Check of the open cell shows in the panel at once.
    const later = smallGrid({ at: '2026-03-02T09:02:00.000Z' });
    const ada = later.learners[0];
    if (ada?.labs[0])
      ada.labs[0].cells[1] = cell(1, 'earned', {
        attempts: 2,
        lastChecks: [{ id: 'vip-on-lb01', passed: true, expected: { en: 'on lb01', 'zh-CN': '在 lb01 上' }, seen: { en: 'on lb01', 'zh-CN': '在 lb01 上' } }],
      });
    await act(() => {
      api.emit('class.update', later);
    });
    expect(screen.getByTestId('class-cell-panel').dataset.status).toBe('earned');
    expect(screen.getByTestId('class-check-vip-on-lb01').dataset.passed).toBe('true');
    fireEvent.click(screen.getByTestId('class-panel-close'));
    expect(screen.queryByTestId('class-cell-panel')).toBeNull();
  });

  it("resets a learner's lab after asking, and shows a refusal with its fix", async () => {
    let refuse = false;
    const api = classApi(INSTRUCTOR, {
      'class.resetLab': () => {
        if (refuse) throw new ApiCallError({ code: 'E_BAD_INPUT', message: 'There is no learner "l01" in this class.', fix: 'Check the roster.' });
        return { backup: '/backups/l02' };
      },
    });
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('class-grid');
    fireEvent.click(screen.getByTestId('class-reset-l02-vrrp-pair'));
    const dialog = screen.getByTestId('class-reset-dialog');
    expect(dialog.textContent).toContain('Reset The first VRRP pair for 王小明?');
    expect(api.calls.some((c) => c.method === 'class.resetLab')).toBe(false);
    fireEvent.click(screen.getByTestId('class-reset-dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('class-reset-note').dataset.state).toBe('done');
    });
    expect(screen.getByTestId('class-reset-note').textContent).toContain('The first VRRP pair for 王小明 is reset.');
    expect(api.calls.filter((c) => c.method === 'class.resetLab').map((c) => c.input)).toEqual([{ learner: 'l02', lab: 'vrrp-pair' }]);
    refuse = true;
    fireEvent.click(cellOf('l01', 0));
    fireEvent.click(screen.getByTestId('class-panel-reset'));
    fireEvent.click(screen.getByTestId('class-reset-dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('class-reset-note').dataset.state).toBe('failed');
    });
    expect(screen.getByTestId('class-reset-note').textContent).toContain('There is no learner "l01" in this class. Check the roster.');
  });

  it('writes to the class and downloads the results as CSV, HTML and JSON in the UI language', async () => {
    const api = classApi(INSTRUCTOR, {
      'class.message': ({ text }) => message(1, text),
      'class.report': ({ format, lang }) => ({ filename: `class.${format}`, mime: `text/${format}`, content: `${format} in ${lang}` }),
    });
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('class-grid');
    const send = screen.getByTestId<HTMLButtonElement>('class-message-send');
    expect(send.disabled).toBe(true);
    fireEvent.input(screen.getByTestId('class-message-input'), { target: { value: '  Step 3 in 10 minutes  ' } });
    fireEvent.click(send);
    await waitFor(() => {
      expect(screen.getByTestId('class-sent-button').textContent).toBe('Sent (1)');
    });
    expect(api.calls.find((c) => c.method === 'class.message')?.input).toEqual({ text: 'Step 3 in 10 minutes' });
    expect(screen.getByTestId<HTMLInputElement>('class-message-input').value).toBe('');

    for (const f of ['csv', 'html', 'json']) {
      fireEvent.click(screen.getByTestId(`class-report-${f}`));
      await waitFor(() => {
        expect(downloads.at(-1)?.content).toBe(`${f} in en`);
      });
    }
    expect(downloads.find((d) => d.filename === 'class.csv')?.mime).toBe('text/csv');
  });
});

describe('a learner', () => {
  it('sees their name and class, the newest message as a dismissible banner and every message in a list', async () => {
    const api = classApi(LEARNER, { 'class.messages': () => [message(1, 'Welcome!')] });
    window.location.hash = '#/class';
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    expect((await screen.findByTestId('class-message-text')).textContent).toBe('Welcome!');
    // The dashboard is the instructor's: a learner's #/class is the lab list.
    await screen.findByTestId('lab-card-vrrp-pair');
    expect(screen.queryByTestId('class-dashboard')).toBeNull();
    expect(api.calls.some((c) => c.method === 'class.grid' || c.method === 'class.watch')).toBe(false);
    expect(screen.getByTestId('session-who').textContent).toBe('王小明');
    expect(screen.getByTestId('session-class').textContent).toBe('Class HA 101');
    expect(screen.getByTestId('report-button')).toBeTruthy();

    await act(() => {
      api.emit('class.message', message(2, '<b>10 分钟</b> 后讲第 3 步\nsecond line'));
    });
    expect(screen.getByTestId('class-message-text').textContent).toBe('<b>10 分钟</b> 后讲第 3 步\nsecond line');
    expect(screen.getByTestId('class-message-banner').querySelector('b')).toBeNull();
    fireEvent.click(screen.getByTestId('class-message-dismiss'));
    expect(screen.queryByTestId('class-message-banner')).toBeNull();

    fireEvent.click(screen.getByTestId('class-messages-button'));
    const list = screen.getByTestId('class-messages-list');
    expect([...list.querySelectorAll('.class-message-text')].map((p) => p.textContent)).toEqual(['<b>10 分钟</b> 后讲第 3 步\nsecond line', 'Welcome!']);
    expect(screen.getByTestId('class-messages-button').textContent).toBe('Messages (2)');

    // A newer message brings the banner back; the same one again (list and event both) does not repeat.
    await act(() => {
      api.emit('class.message', message(3, 'Break until 10:30'));
      api.emit('class.message', message(3, 'Break until 10:30'));
    });
    expect(screen.getByTestId('class-message-text').textContent).toBe('Break until 10:30');
    expect(screen.getByTestId('class-messages-button').textContent).toBe('Messages (3)');
  });

  it('in Chinese', async () => {
    const api = classApi(LEARNER, { 'class.messages': () => [message(1, '欢迎！')] });
    render(h(App, { api, connection: alwaysOpen(), langState: createLangState({ host: 'browser', languages: ['zh-CN'] }) }));
    expect((await screen.findByTestId('class-message-banner')).textContent).toContain('讲师消息');
    expect(screen.getByTestId('session-class').textContent).toBe('班级：HA 101');
    expect(screen.getByTestId('class-messages-button').textContent).toBe('消息（1）');
  });
});

describe("the machine's owner", () => {
  it.each<[string, SessionInfo | null]>([
    ['a host that answers session.info as the owner', { role: 'owner' }],
    ['a host without session.info', null],
  ])('sees the app as before with %s', async (_name, session) => {
    const api = classApi(session);
    window.location.hash = '#/class';
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('lab-card-vrrp-pair');
    expect(screen.queryByTestId('session-badge')).toBeNull();
    expect(screen.queryByTestId('class-dashboard')).toBeNull();
    expect(screen.queryByTestId('class-messages-button')).toBeNull();
    expect(screen.queryByTestId('nav-class')).toBeNull();
    expect(screen.getByTestId('report-button')).toBeTruthy();
    expect(api.calls.filter((c) => c.method.startsWith('class.'))).toEqual([]);
  });
});

describe('an instructor away from the dashboard', () => {
  it('opens the labs and comes back', async () => {
    const api = classApi(INSTRUCTOR);
    render(h(App, { api, connection: alwaysOpen(), langState: english() }));
    await screen.findByTestId('class-grid');
    window.location.hash = '#/';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('lab-card-vrrp-pair');
    await waitFor(() => {
      expect(api.calls.filter((c) => c.method === 'class.watch').map((c) => c.input)).toEqual([{ on: true }, { on: false }]);
    });
    fireEvent.click(screen.getByTestId('nav-class'));
    await screen.findByTestId('class-grid');
    expect(window.location.hash).toBe('#/class');
  });
});
