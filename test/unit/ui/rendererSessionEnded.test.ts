// @vitest-environment happy-dom
// A page whose session the host ended for good: the socket's close code (after the `session.ended` event)
// stops the client reconnecting, fails what was waiting, and the banner says why in the page's language
// instead of "connection lost". A plain drop still reconnects.
import { cleanup, render, screen } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_END_CODES } from '../../../common/sessionEnd.js';
import { createWsApi, type WsApi } from '../../../renderer/api/wsClient.js';
import { ConnectionBanner } from '../../../renderer/app/ConnectionBanner.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState } from '../../../renderer/i18n/langState.js';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(): void {}
  close(): void {
    this.drop(1000);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  event(event: string, payload: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
  }
  drop(code: number): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

let api: WsApi;
beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  api = createWsApi({ url: 'ws://127.0.0.1:4000/api', WebSocketCtor: FakeSocket as unknown as new (url: string) => WebSocket, backoff: { initialMs: 500, maxMs: 4000 } });
});
afterEach(() => {
  cleanup();
  api.close();
  vi.useRealTimers();
});

const socket = (): FakeSocket =>
  FakeSocket.all[FakeSocket.all.length - 1] ??
  (() => {
    throw new Error('no socket');
  })();

describe('a session the host ended', () => {
  it('stops reconnecting, fails pending calls and keeps the reason', async () => {
    socket().open();
    const pending = api.call('labs.list', {});
    socket().event('session.ended', { reason: 'removed' });
    socket().drop(SESSION_END_CODES.removed);
    await expect(pending).rejects.toMatchObject({ code: 'E_CLOSED' });
    expect(api.connection.get()).toMatchObject({ status: 'ended', ended: { reason: 'removed' } });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('takes the reason from the close code alone, and the limit from the event', () => {
    socket().open();
    socket().event('session.ended', { reason: 'tooManyTabs', limit: 6 });
    socket().drop(SESSION_END_CODES.tooManyTabs);
    expect(api.connection.get().ended).toEqual({ reason: 'tooManyTabs', limit: 6 });
  });

  it('reconnects after a plain drop', () => {
    socket().open();
    socket().drop(1006);
    expect(api.connection.get().status).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('says why in the banner, in Chinese or English, instead of "connection lost"', () => {
    socket().open();
    socket().drop(SESSION_END_CODES.replaced);
    const zh = createLangState({ host: 'browser', languages: ['zh-CN'] });
    const view = render(h(I18nProvider, { langState: zh }, h(ConnectionBanner, { connection: api.connection })));
    const banner = screen.getByTestId('session-ended');
    expect(banner.getAttribute('data-reason')).toBe('replaced');
    expect(banner.textContent).toContain('你的链接已换成新链接');
    expect(banner.textContent).not.toContain('重新连接');
    view.unmount();
    render(h(I18nProvider, { langState: createLangState({ host: 'browser', languages: ['en-US'] }) }, h(ConnectionBanner, { connection: api.connection })));
    expect(screen.getByTestId('session-ended').textContent).toContain('Your link was replaced by a new one.');
  });

  it('tells how many pages one person may have open, with a reload button', () => {
    socket().open();
    socket().event('session.ended', { reason: 'tooManyTabs', limit: 6 });
    socket().drop(SESSION_END_CODES.tooManyTabs);
    render(h(I18nProvider, { langState: createLangState({ host: 'browser', languages: ['zh'] }) }, h(ConnectionBanner, { connection: api.connection })));
    expect(screen.getByTestId('session-ended').textContent).toContain('每人最多可同时打开本班级的 6 个页面');
    expect(screen.getByRole('button').textContent).toBe('刷新');
  });
});
