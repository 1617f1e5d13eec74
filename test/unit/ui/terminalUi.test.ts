// @vitest-environment happy-dom
// The terminal component in a DOM with a fake API: renders output and acks it after xterm's write
// callback, sends terminal.resize when its box changes size, pastes with Ctrl+Shift+V, shows the
// status line in the chosen language, and cleans up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FitAddon } from '@xterm/addon-fit';
import { mountTerminal, type TerminalHandle } from '../../../renderer/terminal/index.js';
import { terminalStrings } from '../../../renderer/terminal/strings.js';
import { FakeApi, apiError } from './terminalFakeApi.js';

/** happy-dom does not lay out, so size changes are simulated: a ResizeObserver the test triggers. */
const observers: (() => void)[] = [];
class FakeResizeObserver {
  constructor(private readonly cb: () => void) {}
  observe(): void {
    observers.push(this.cb);
  }
  disconnect(): void {
    const i = observers.indexOf(this.cb);
    if (i >= 0) observers.splice(i, 1);
  }
  unobserve(): void {
    this.disconnect();
  }
}

/** The status line empties once the shell is connected. */
async function connected(el: HTMLElement): Promise<void> {
  await vi.waitFor(() => {
    expect(el.querySelector('.halab-terminal-status')?.textContent).toBe('');
  });
}

describe('mountTerminal', () => {
  let el: HTMLElement;
  let api: FakeApi;
  let handle: TerminalHandle | undefined;

  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    el = document.createElement('div');
    document.body.append(el);
    api = new FakeApi();
  });

  afterEach(() => {
    handle?.dispose();
    handle = undefined;
    el.remove();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('renders output, Chinese included, and acks exactly the characters rendered', async () => {
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'en' });
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.open')).toHaveLength(1);
    });
    const text = '[root@lb01 ~]# echo 你好\r\n你好\r\n';
    api.emit('terminal.data', { id: 't1', data: text });
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.ack')).toEqual([{ id: 't1', chars: text.length }]);
    });
    await vi.waitFor(() => {
      expect(el.querySelector('.xterm-rows')?.textContent).toContain('你好');
    });
    expect(el.querySelector('.halab-terminal-status')?.textContent).toBe('');
  });

  it('fits on a size change (debounced) and sends terminal.resize with the new cols/rows', async () => {
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'en' });
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.open')).toHaveLength(1);
    });
    vi.spyOn(FitAddon.prototype, 'proposeDimensions').mockReturnValue({ cols: 132, rows: 43 });
    expect(observers).toHaveLength(1);
    for (let i = 0; i < 5; i++) observers[0]?.(); // a burst of observations: one fit
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.resize')).toEqual([{ id: 't1', cols: 132, rows: 43 }]);
    });
  });

  it('pastes the clipboard on Ctrl+Shift+V as terminal input', async () => {
    const readText = vi.fn(() => Promise.resolve('ip a'));
    vi.stubGlobal('navigator', { clipboard: { readText, writeText: vi.fn(() => Promise.resolve()) } });
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'en' });
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.open')).toHaveLength(1);
    });
    const textarea = el.querySelector('textarea');
    expect(textarea).not.toBeNull();
    textarea?.dispatchEvent(new KeyboardEvent('keydown', { key: 'V', code: 'KeyV', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }));
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.input')).toEqual([{ id: 't1', data: 'ip a' }]);
    });
    expect(readText).toHaveBeenCalledOnce();
  });

  it('shows the node-stopped status in Chinese and reconnects when the node runs again', async () => {
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'zh-CN' });
    await connected(el);
    api.answer('terminal.open', () => {
      throw apiError('E_NODE_STOPPED', 'Node "lb01" is stopped.');
    });
    api.emit('terminal.exit', { id: 't1', code: null, reason: 'node-stopped' });
    const status = el.querySelector('.halab-terminal-status');
    expect(status?.textContent).toBe('lb01 已停止 — 节点重新运行后自动重连…');
    handle.setLang('en');
    expect(status?.textContent).toBe('lb01 stopped — reconnecting when it runs again…');
    api.answer('terminal.open', () => ({ id: 't2' }));
    await vi.waitFor(
      () => {
        expect(status?.textContent).toBe('');
      },
      { timeout: 3000 },
    );
  });

  it('offers Enter to reconnect after the shell exited', async () => {
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'en' });
    await connected(el);
    api.emit('terminal.exit', { id: 't1', code: 0, reason: 'shell-exited' });
    expect(el.querySelector('.halab-terminal-status')?.textContent).toBe('Connection closed — press Enter to reconnect');
  });

  it('closes the shell and leaves nothing behind on dispose', async () => {
    handle = mountTerminal(el, api, { lab: 'vrrp-pair', node: 'lb01', lang: 'en' });
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.open')).toHaveLength(1);
    });
    handle.dispose();
    handle = undefined;
    expect(el.children).toHaveLength(0);
    expect(observers).toHaveLength(0);
    expect(api.listenerCount()).toBe(0);
    await vi.waitFor(() => {
      expect(api.callsOf('terminal.close')).toEqual([{ id: 't1' }]);
    });
  });

  it('has every string in both languages', () => {
    expect(Object.keys(terminalStrings['zh-CN']).sort()).toEqual(Object.keys(terminalStrings.en).sort());
    for (const lang of ['en', 'zh-CN'] as const) for (const v of Object.values(terminalStrings[lang])) expect(v.trim()).not.toBe('');
  });
});
