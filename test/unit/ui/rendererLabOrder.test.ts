// @vitest-environment happy-dom
// The lab list numbers its cards in the labs' order, whatever order the host sends; the lab view lists
// the pack's sources in a collapsed note.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabSummary } from '../../../common/contract.js';
import { LabList } from '../../../renderer/app/LabList.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState } from '../../../renderer/i18n/langState.js';
import { StepsPanel } from '../../../renderer/lab/StepsPanel.js';
import { fakeApi, L, labDetail } from './rendererFakeApi.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const lab = (id: string, over: Partial<LabSummary> = {}): LabSummary => ({ id, title: L(id), summary: L(`About ${id}`), steps: 2, earned: 0, running: false, ...over });

describe('lab list order', () => {
  it('numbers the cards by order: built-in first, imported after, unordered by title', async () => {
    const fromHost = [
      lab('mine', { title: L('Zebra', '斑马'), imported: true }),
      lab('dual-master', { order: 70 }),
      lab('nginx-warmup', { order: 10 }),
      lab('theirs', { title: L('Antelope', '羚羊'), imported: true }),
      lab('vrrp-pair', { order: 30 }),
      lab('lb-layer', { order: 20 }),
      lab('broken', { error: 'lab.yaml:3: bad' }),
    ];
    const langState = createLangState();
    langState.choose('en');
    render(h(I18nProvider, { langState }, h(LabList, { api: fakeApi({ 'labs.list': () => fromHost }), onOpen: vi.fn() })));
    await screen.findByTestId('lab-card-mine');
    const cards = (): string[][] =>
      Array.from(document.querySelectorAll('.lab-card'), (c) => [c.getAttribute('data-testid')?.replace('lab-card-', '') ?? '', c.querySelector('.lab-number')?.textContent ?? '']);
    const expected = [
      ['nginx-warmup', '01'],
      ['lb-layer', '02'],
      ['vrrp-pair', '03'],
      ['dual-master', '04'],
      ['broken', '05'],
      ['theirs', '06'],
      ['mine', '07'],
    ];
    expect(cards()).toEqual(expected);
    // The order does not follow the language.
    langState.choose('zh-CN');
    await waitFor(() => {
      expect(screen.getByTestId('lab-card-mine').textContent).toContain('斑马');
    });
    expect(cards()).toEqual(expected);
  });
});

describe('sources note', () => {
  const panel = (sources?: string[]) =>
    h(StepsPanel, {
      detail: labDetail(sources ? { sources } : {}),
      earned: new Set<number>(),
      results: new Map(),
      selected: 0,
      checking: new Set<number>(),
      checkErrors: new Map(),
      onSelect: vi.fn(),
      onCheck: vi.fn(),
    });

  it('lists the sources, collapsed, in both languages', async () => {
    const langState = createLangState();
    langState.choose('en');
    render(h(I18nProvider, { langState }, panel(['Keepalived + nginx 高可用', 'keepalived高可用'])));
    const note = screen.getByTestId<HTMLDetailsElement>('lab-sources');
    expect(note.tagName).toBe('DETAILS');
    expect(note.open).toBe(false);
    expect(note.querySelector('summary')?.textContent).toBe('Where this comes from');
    expect(Array.from(note.querySelectorAll('li'), (li) => li.textContent)).toEqual(['Keepalived + nginx 高可用', 'keepalived高可用']);
    langState.choose('zh-CN');
    await waitFor(() => {
      expect(note.querySelector('summary')?.textContent).toBe('内容出处');
    });
  });

  it('is absent when the pack names no sources', () => {
    const langState = createLangState();
    langState.choose('en');
    render(h(I18nProvider, { langState }, panel()));
    expect(screen.queryByTestId('lab-sources')).toBeNull();
  });
});
