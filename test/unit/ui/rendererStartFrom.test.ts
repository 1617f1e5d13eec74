// @vitest-environment happy-dom
// The step list's "Start from this step": asks first, shows progress while the earlier solutions are
// applied, and then shows those steps as done with the solution, apart from earned ones and not counted.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alwaysOpen } from '../../../renderer/api/connection.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState, type LangState } from '../../../renderer/i18n/langState.js';
import { LabView } from '../../../renderer/lab/LabView.js';
import type { LabDetail } from '../../../common/contract.js';
import { fakeApi, labDetail, topology, type FakeHandlers } from './rendererFakeApi.js';

vi.mock('../../../renderer/terminal/index.js', () => ({
  mountTerminal: () => ({ dispose: () => undefined, focus: () => undefined, fit: () => undefined, setLang: () => undefined }),
}));
vi.mock('../../../renderer/editor/index.js', () => ({
  mountEditor: () => Promise.resolve({ open: () => Promise.resolve(true), save: () => Promise.resolve(undefined), isDirty: () => false, dispose: () => undefined, setLang: () => undefined }),
}));

let langState: LangState;
beforeEach(() => {
  localStorage.clear();
  langState = createLangState();
});
afterEach(() => {
  cleanup();
});

/** Nothing earned yet; `solved` marks the first steps as done with the solution. */
function detail(solved = 0): LabDetail {
  const d = labDetail();
  const steps = d.steps.map((s, i) => {
    const copy = { ...s };
    delete copy.earnedAt;
    return i < solved ? { ...copy, solvedAt: '2026-01-01T00:00:00Z' } : copy;
  });
  return { ...d, steps };
}

function renderLab(handlers: FakeHandlers) {
  const api = fakeApi({
    'labs.get': () => detail(),
    'topology.get': () => topology({ '10.0.0.3': ['lb01'] }),
    'topology.watch': () => ({ ok: true }),
    ...handlers,
  });
  render(h(I18nProvider, { langState }, h(LabView, { api, lab: 'vrrp-pair', connection: alwaysOpen() })));
  return api;
}

describe('start from a step', () => {
  it('asks first, shows progress, then shows the earlier steps as solved and not earned', async () => {
    langState.choose('en');
    let finish: (v: { backup: string | null; detail: LabDetail; solved: number }) => void = () => undefined;
    const api = renderLab({
      'lab.startFrom': () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    fireEvent.click(await screen.findByTestId('start-from-1'));
    const dialog = screen.getByTestId('start-from-dialog');
    expect(dialog.textContent).toContain('Start from step 2?');
    expect(dialog.textContent).toContain('backed up');
    expect(dialog.textContent).toContain('count as earned only when you pass their Check');
    expect(api.calls.some((c) => c.method === 'lab.startFrom')).toBe(false);
    fireEvent.click(screen.getByTestId('start-from-dialog-confirm'));
    await waitFor(() => {
      expect(api.calls.filter((c) => c.method === 'lab.startFrom').map((c) => c.input)).toEqual([{ lab: 'vrrp-pair', step: 1 }]);
    });
    expect(screen.getByTestId('lab-feedback').textContent).toContain('applying the reference solutions');
    api.emit('lab.checkpoint', { lab: 'vrrp-pair', index: 0, total: 1 });
    await waitFor(() => {
      expect(screen.getByTestId('lab-feedback').textContent).toContain('Applying the reference solution of step 1 of 1');
    });
    expect(screen.getByTestId<HTMLButtonElement>('start-from-0').disabled).toBe(true);
    finish({ backup: null, detail: detail(1), solved: 1 });
    await waitFor(() => {
      expect(screen.getByTestId('step-0').dataset.status).toBe('solved');
    });
    expect(screen.getByTestId('step-0').dataset.earned).toBe('false');
    expect(screen.getByTestId('lab-completion').dataset.percent).toBe('0');
    expect(screen.getByTestId('step-1').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('lab-feedback').textContent).toContain('starts at step 2');
  });

  it('speaks Chinese, and a cancelled dialog calls nothing', async () => {
    langState.choose('zh-CN');
    const api = renderLab({ 'labs.get': () => detail(1) });
    const from = await screen.findByTestId('start-from-1');
    expect(from.getAttribute('aria-label')).toContain('从这一步开始');
    expect(screen.getByTestId('step-0').textContent).toContain('已用参考答案完成');
    fireEvent.click(from);
    expect(screen.getByTestId('start-from-dialog').textContent).toContain('从第 2 步开始？');
    fireEvent.click(screen.getByText('取消'));
    expect(screen.queryByTestId('start-from-dialog')).toBeNull();
    expect(api.calls.some((c) => c.method === 'lab.startFrom')).toBe(false);
  });
});
