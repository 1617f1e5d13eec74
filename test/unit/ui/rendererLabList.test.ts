// @vitest-environment happy-dom
// The lab list: titles in the chosen language, progress as earned/steps and a percent bar, the running
// badge, and broken packs listed with their error.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabList } from '../../../renderer/app/LabList.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState } from '../../../renderer/i18n/langState.js';
import { fakeApi, labSummaries } from './rendererFakeApi.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function renderList(onOpen = vi.fn()) {
  const api = fakeApi({ 'labs.list': () => labSummaries() });
  const langState = createLangState();
  langState.choose('en');
  const view = render(h(I18nProvider, { langState }, h(LabList, { api, onOpen })));
  return { api, langState, onOpen, view };
}

describe('LabList', () => {
  it('shows every lab with its progress, percent bar and running badge', async () => {
    renderList();
    const card = await screen.findByTestId('lab-card-vrrp-pair');
    expect(card.textContent).toContain('The first VRRP pair');
    expect(card.textContent).toContain('One VIP on two balancers.');
    expect(card.textContent).toContain('45 min');
    expect(card.querySelector('[data-testid="lab-progress"]')?.textContent).toBe('2/4 steps · 50%');
    const bar = card.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('50');
    expect((bar?.querySelector('.progress-fill') as HTMLElement | null)?.style.width).toBe('50%');
    expect(card.querySelector('[data-testid="lab-running"]')).not.toBeNull();
    expect(card.textContent).toContain('Continue');

    const idle = screen.getByTestId('lab-card-nopreempt');
    expect(idle.querySelector('[data-testid="lab-running"]')).toBeNull();
    expect(idle.querySelector('[data-testid="lab-progress"]')?.textContent).toBe('0/3 steps · 0%');
    expect(idle.textContent).toContain('Start');
  });

  it('lists an invalid pack with its error and no way to start it', async () => {
    renderList();
    const broken = await screen.findByTestId('lab-card-broken');
    expect(broken.textContent).toContain('lab.yaml:12: steps.0.checks: required');
    expect((broken.querySelector('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens a lab and shows titles in Chinese when the language changes', async () => {
    const { langState, onOpen } = renderList();
    await screen.findByTestId('lab-card-vrrp-pair');
    fireEvent.click(screen.getByTestId('lab-open-vrrp-pair'));
    expect(onOpen).toHaveBeenCalledWith('vrrp-pair');
    langState.choose('zh-CN');
    await waitFor(() => {
      expect(screen.getByTestId('lab-card-vrrp-pair').textContent).toContain('第一对 VRRP 主备');
    });
    expect(screen.getByTestId('lab-card-vrrp-pair').querySelector('[data-testid="lab-progress"]')?.textContent).toBe('2/4 步 · 50%');
  });

  it('reloads when a lab starts or stops', async () => {
    const { api } = renderList();
    await screen.findByTestId('lab-card-vrrp-pair');
    const before = api.calls.filter((c) => c.method === 'labs.list').length;
    api.emit('lab.changed', { lab: 'nopreempt', running: true });
    await waitFor(() => {
      expect(api.calls.filter((c) => c.method === 'labs.list').length).toBe(before + 1);
    });
  });
});
