// @vitest-environment happy-dom
// The lab view: Check shows each check green or red with expected / seen / hint in the chosen language,
// earned steps never lose their tick, terminals mount one per node, Reset asks first.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../common/apiError.js';
import { alwaysOpen } from '../../../renderer/api/connection.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState, type LangState } from '../../../renderer/i18n/langState.js';
import { LabView } from '../../../renderer/lab/LabView.js';
import { fakeApi, labDetail, stepResult, topology, type FakeHandlers } from './rendererFakeApi.js';

const terminals = vi.hoisted(() => ({ mounts: [] as { node: string; lab: string; lang: string }[], disposed: [] as string[] }));
vi.mock('../../../renderer/terminal/index.js', () => ({
  mountTerminal: (el: HTMLElement, _api: unknown, opts: { lab: string; node: string; lang: string }) => {
    terminals.mounts.push(opts);
    el.textContent = `shell on ${opts.node}`;
    return { dispose: () => terminals.disposed.push(opts.node), focus: () => undefined, fit: () => undefined, setLang: () => undefined };
  },
}));
vi.mock('../../../renderer/editor/index.js', () => ({
  mountEditor: () => Promise.resolve({ open: () => Promise.resolve(true), save: () => Promise.resolve(undefined), isDirty: () => false, dispose: () => undefined, setLang: () => undefined }),
}));

let langState: LangState;
beforeEach(() => {
  localStorage.clear();
  terminals.mounts.length = 0;
  terminals.disposed.length = 0;
  langState = createLangState();
  langState.choose('en');
});
afterEach(() => {
  cleanup();
});

function renderLab(handlers: FakeHandlers) {
  const api = fakeApi({
    'labs.get': () => labDetail(),
    'topology.get': () => topology({ '10.0.0.3': ['lb01'] }),
    'topology.watch': () => ({ ok: true }),
    ...handlers,
  });
  render(h(I18nProvider, { langState }, h(LabView, { api, lab: 'vrrp-pair', connection: alwaysOpen() })));
  return api;
}

describe('LabView', () => {
  it('opens on the first step not earned and shows the earned tick on the others', async () => {
    renderLab({});
    const step0 = await screen.findByTestId('step-0');
    expect(step0.dataset.status).toBe('earned');
    expect(screen.getByTestId('step-1').dataset.status).toBe('todo');
    expect(screen.getByTestId('step-1').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('lab-completion').dataset.percent).toBe('50');
    // The Check button belongs to that step and is usable while the lab runs.
    const check = screen.getByTestId<HTMLButtonElement>('check-step-1');
    expect(check.disabled).toBe(false);
    expect(check.textContent).toBe('Check');
  });

  it('shows the Mail tab only for a lab whose manifest says it uses mail', async () => {
    renderLab({ 'labs.get': () => labDetail({ mail: true, steps: labDetail().steps.map((s) => ({ ...s, body: { en: 'No such word here.', 'zh-CN': '无' } })) }) });
    const mailTab = await screen.findByTestId('ws-tab-mail');
    expect(mailTab.getAttribute('role')).toBe('tab');
    expect(mailTab.textContent).toBe('Mail');
    cleanup();
    renderLab({ 'labs.get': () => labDetail({ id: 'split-brain', mail: false, steps: labDetail().steps.map((s) => ({ ...s, body: { en: 'echo hi | mail -s x root', 'zh-CN': 'mail' } })) }) });
    await screen.findByTestId('step-0');
    expect(screen.queryByTestId('ws-tab-mail')).toBeNull();
  });

  it('Check shows every check green or red with expected, seen and hint', async () => {
    const api = renderLab({ 'checks.run': ({ step }) => stepResult(step, { 'vip-on-lb01': false, 'arp-moved': true }) });
    fireEvent.click(await screen.findByTestId('check-step-1'));
    const failed = await screen.findByTestId('check-vip-on-lb01');
    expect(api.calls.find((c) => c.method === 'checks.run')?.input).toEqual({ lab: 'vrrp-pair', step: 1 });
    expect(failed.dataset.passed).toBe('false');
    expect(failed.className).toContain('is-fail');
    expect(failed.textContent).toContain('expected vip-on-lb01');
    expect(failed.textContent).toContain('seen vip-on-lb01');
    expect(failed.textContent).toContain('hint for vip-on-lb01');
    const passed = screen.getByTestId('check-arp-moved');
    expect(passed.dataset.passed).toBe('true');
    expect(passed.className).toContain('is-pass');
    expect(passed.textContent).not.toContain('hint for arp-moved');
    expect(screen.getByTestId('check-results').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('check-summary').textContent).toContain('1 of 2 checks passed');
    expect(screen.getByTestId('step-1').dataset.status).toBe('failed');

    // The same results in Chinese after a language switch.
    langState.choose('zh-CN');
    await waitFor(() => {
      expect(screen.getByTestId('check-vip-on-lb01').textContent).toContain('期望 vip-on-lb01');
    });
    expect(screen.getByTestId('check-vip-on-lb01').textContent).toContain('实际 vip-on-lb01');
    expect(screen.getByTestId('check-vip-on-lb01').textContent).toContain('vip-on-lb01 的提示');
    expect(screen.getByTestId('check-step-1').textContent).toBe('检查');
  });

  it('an earned step keeps its tick when a later check fails or a reload says otherwise', async () => {
    let detailEarned = true;
    const api = renderLab({
      'labs.get': () => {
        const d = labDetail();
        if (!detailEarned) delete d.steps[0]?.earnedAt;
        return d;
      },
      'checks.run': ({ step }) => stepResult(step, { 'lb01-syntax': false }, { earned: false }),
    });
    fireEvent.click(await screen.findByTestId('step-0'));
    fireEvent.click(screen.getByTestId('check-step-0'));
    await screen.findByTestId('check-lb01-syntax');
    expect(screen.getByTestId('check-lb01-syntax').dataset.passed).toBe('false');
    expect(screen.getByTestId('step-0').dataset.status).toBe('earned');

    // A stale answer from the host (no earnedAt) does not take the tick away either.
    detailEarned = false;
    api.emit('lab.changed', { lab: 'vrrp-pair', running: true });
    await waitFor(() => {
      expect(api.calls.filter((c) => c.method === 'labs.get').length).toBeGreaterThan(1);
    });
    expect(screen.getByTestId('step-0').dataset.status).toBe('earned');
    expect(screen.getByTestId('lab-completion').dataset.percent).toBe('50');
  });

  it('a passing check earns the step and offers the next one', async () => {
    renderLab({ 'checks.run': ({ step }) => stepResult(step, { 'vip-on-lb01': true }) });
    fireEvent.click(await screen.findByTestId('check-step-1'));
    await screen.findByTestId('check-vip-on-lb01');
    expect(screen.getByTestId('step-1').dataset.status).toBe('earned');
    expect(screen.getByTestId('lab-completion').dataset.percent).toBe('100');
    expect(screen.getByTestId('check-summary').dataset.passed).toBe('true');
  });

  it('a lost connection during Check is said in the learner’s language', async () => {
    langState.choose('zh-CN');
    renderLab({ 'checks.run': () => Promise.reject(new ApiCallError({ code: 'E_DISCONNECTED', message: 'The connection to HA Lab was lost during checks.run.' })) });
    fireEvent.click(await screen.findByTestId('check-step-1'));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain('与 HA Lab 的连接就断开了');
    });
  });

  it('one terminal tab per node, mounted when first shown', async () => {
    renderLab({});
    await screen.findByTestId('step-0');
    const termTabs = Array.from(document.querySelectorAll('[data-testid^="term-tab-"]'), (t) => t.getAttribute('data-testid'));
    expect(termTabs).toEqual(['term-tab-lb01', 'term-tab-lb02', 'term-tab-web01', 'term-tab-client']);
    expect(terminals.mounts).toEqual([]);
    fireEvent.click(screen.getByTestId('term-tab-lb02'));
    await waitFor(() => {
      expect(terminals.mounts).toEqual([{ lab: 'vrrp-pair', node: 'lb02', lang: 'en' }]);
    });
    expect(screen.getByTestId('term-lb02').textContent).toBe('shell on lb02');
    expect(screen.getByTestId('term-tab-lb02').getAttribute('aria-selected')).toBe('true');
    // Switching away keeps the session.
    fireEvent.click(screen.getByTestId('ws-tab-topology'));
    expect(terminals.disposed).toEqual([]);
  });

  it('the editor lists the lab files with stable test ids', async () => {
    renderLab({});
    await screen.findByTestId('step-0');
    fireEvent.click(screen.getByTestId('ws-tab-editor'));
    await screen.findByTestId('editor-file-lb01-_etc_keepalived_keepalived.conf');
    // Exactly the lab's editable files, each under its node, in the manifest's order.
    const files = Array.from(document.querySelectorAll('[data-testid^="editor-file-"]'), (f) => f.getAttribute('data-testid'));
    expect(files).toEqual(['editor-file-lb01-_etc_keepalived_keepalived.conf', 'editor-file-lb02-_etc_keepalived_keepalived.conf']);
  });

  it('Reset asks first, says files are backed up, then reports the backup', async () => {
    const api = renderLab({ 'lab.reset': () => ({ backup: '/home/me/.local/share/halab/backups/vrrp-pair-1', detail: labDetail() }) });
    fireEvent.click(await screen.findByTestId('lab-reset'));
    const dialog = screen.getByTestId('reset-dialog');
    expect(dialog.textContent).toContain('backed up');
    expect(api.calls.some((c) => c.method === 'lab.reset')).toBe(false);
    fireEvent.click(screen.getByTestId('reset-dialog-confirm'));
    await waitFor(() => {
      expect(screen.getByTestId('lab-feedback').textContent).toContain('/home/me/.local/share/halab/backups/vrrp-pair-1');
    });
    expect(api.calls.filter((c) => c.method === 'lab.reset')).toHaveLength(1);
  });

  it("the status says the nodes stopped when none of a running lab's nodes runs, and Running again when they do", async () => {
    const api = renderLab({});
    const chip = await screen.findByTestId('lab-status');
    await screen.findByTestId('topo-node-lb01');
    expect(chip.textContent).toBe('Running');
    expect(chip.dataset.nodesStopped).toBe('false');
    const exited = labDetail().nodes.map((n) => ({ ...n, state: 'exited' }));
    api.emit('topology.update', topology({ '10.0.0.3': [] }, { at: Date.now() + 1000, nodes: exited }));
    await waitFor(() => {
      expect(screen.getByTestId('lab-status').dataset.nodesStopped).toBe('true');
    });
    expect(screen.getByTestId('lab-status').textContent).toBe('Nodes stopped');
    expect(screen.getByTestId('lab-status').getAttribute('class')).toContain('is-halted');
    api.emit('topology.update', topology({ '10.0.0.3': ['lb01'] }, { at: Date.now() + 2000 }));
    await waitFor(() => {
      expect(screen.getByTestId('lab-status').textContent).toBe('Running');
    });
  });

  it('watches the topology while shown and stops when the view goes away', async () => {
    const api = renderLab({});
    await screen.findByTestId('topo-node-lb01');
    await waitFor(() => {
      expect(api.calls.filter((c) => c.method === 'topology.watch').map((c) => c.input)).toEqual([{ lab: 'vrrp-pair', on: true }]);
    });
    cleanup();
    expect(api.calls.filter((c) => c.method === 'topology.watch').map((c) => c.input)).toEqual([
      { lab: 'vrrp-pair', on: true },
      { lab: 'vrrp-pair', on: false },
    ]);
  });
});
