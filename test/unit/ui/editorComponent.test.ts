// @vitest-environment happy-dom
// The editor component with Monaco running in happy-dom, against an in-memory stand-in of the files API:
// open, edit, the unsaved-changes guard, Ctrl+S, markers on the right lines, both languages.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { ApiCallError } from '../../../common/apiError.js';
import type { HalabApi, MethodInput, MethodName, MethodOutput, SaveResult } from '../../../common/contract.js';
import type { EditorHandle } from '../../../renderer/editor/mountEditor.js';

// Vite bundles the worker in the app; the test runner has no `?worker` loader, and Monaco falls back to
// running its worker code on the main thread.
vi.mock('../../../renderer/editor/monacoWorker.js', () => ({}));

let monaco: typeof Monaco;
let mountEditor: typeof import('../../../renderer/editor/mountEditor.js').mountEditor;

beforeAll(async () => {
  // happy-dom has no 2D canvas; Monaco's overview ruler only paints on it.
  const noop = (): void => undefined;
  const ctx = new Proxy({}, { get: (_t, key) => (key === 'measureText' ? () => ({ width: 7 }) : noop), set: () => true });
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
  monaco = await import('monaco-editor/editor/editor.api');
  ({ mountEditor } = await import('../../../renderer/editor/mountEditor.js'));
}, 120_000);

interface FakeNode {
  files: Map<string, string>;
  writes: { node: string; path: string; content: string }[];
  failWrite?: string;
  api: HalabApi;
}

/** An in-memory files API: it answers like the real one, a keepalived file with "priorty" gets a marker. */
function fakeApi(): FakeNode {
  const state: FakeNode = { files: new Map(), writes: [], api: undefined as unknown as HalabApi };
  const handlers = {
    'files.read': ({ node, path }: MethodInput<'files.read'>) => {
      const content = state.files.get(`${node}:${path}`);
      if (path === '/bin/ls') throw new ApiCallError({ code: 'E_FILE_BINARY', message: `${node}:${path} is a binary file, not UTF-8 text.`, fix: 'Use the terminal.' });
      return { exists: content !== undefined, content: content ?? '' };
    },
    'files.write': ({ node, path, content }: MethodInput<'files.write'>): SaveResult => {
      if (state.failWrite) throw new Error(state.failWrite);
      state.writes.push({ node, path, content });
      state.files.set(`${node}:${path}`, content);
      if (!path.startsWith('/etc/keepalived/')) return { saved: true, markers: [] };
      const line = content.split('\n').findIndex((l) => l.includes('priorty')) + 1;
      return line
        ? { saved: true, validator: 'keepalived', valid: false, markers: [{ line, message: "Unknown keyword 'priorty'", severity: 'error' }] }
        : { saved: true, validator: 'keepalived', valid: true, markers: [] };
    },
  };
  state.api = {
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const h = (handlers as Record<string, ((i: unknown) => unknown) | undefined>)[method];
      if (!h) return Promise.reject(new Error(`unexpected ${method}`));
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          try {
            resolve(h(input) as MethodOutput<M>);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        }, 1);
      });
    },
    on: () => () => undefined,
  };
  return state;
}

const KA = '/etc/keepalived/keepalived.conf';
const CONF = 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n';

let handle: EditorHandle | undefined;
afterEach(() => {
  handle?.dispose();
  handle = undefined;
  document.body.replaceChildren();
});

async function setup(confirm: (m: string) => boolean = () => false) {
  const fake = fakeApi();
  fake.files.set(`lb02:${KA}`, CONF);
  fake.files.set('lb02:/etc/nginx/conf.d/lb.conf', 'server {\n}\n');
  const host = document.createElement('div');
  host.style.height = '400px';
  document.body.appendChild(host);
  const dirtyChanges: boolean[] = [];
  const saved: SaveResult[] = [];
  const asked: string[] = [];
  handle = await mountEditor(host, fake.api, {
    lab: 'fixture-pair',
    lang: 'en',
    onDirtyChange: (d) => dirtyChanges.push(d),
    onSaved: (r) => saved.push(r),
    confirmDiscard: (m) => {
      asked.push(m);
      return confirm(m);
    },
    theme: 'light',
  });
  const model = (): Monaco.editor.ITextModel => {
    const m = monaco.editor.getModels().find((x) => !x.isDisposed());
    if (!m) throw new Error('no model');
    return m;
  };
  const text = (cls: string): string => host.querySelector(`.${cls}`)?.textContent ?? '';
  return { fake, host, handle, dirtyChanges, saved, asked, model, text };
}

function edit(model: Monaco.editor.ITextModel, from: string, to: string): void {
  const at = model.getValue().indexOf(from);
  const start = model.getPositionAt(at);
  const end = model.getPositionAt(at + from.length);
  model.pushEditOperations([], [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: to }], () => null);
}

describe('config editor component', () => {
  it('opens a file with its grammar and shows where it is', async () => {
    const { handle: h, model, text } = await setup();
    expect(await h.open('lb02', KA)).toBe(true);
    expect(model().getValue()).toBe(CONF);
    expect(model().getLanguageId()).toBe('keepalived');
    expect(text('hl-editor-file')).toBe(`lb02:${KA}`);
    expect(text('hl-editor-lang')).toBe('keepalived');
    expect(h.isDirty()).toBe(false);
    expect(h.current()).toEqual({ node: 'lb02', path: KA });
  }, 30_000);

  it('saves with Ctrl+S and places the validator marker on the typo line; fixing it clears the marker', async () => {
    const { handle: h, fake, model, text, dirtyChanges, saved, host } = await setup();
    await h.open('lb02', KA);
    edit(model(), 'priority', 'priorty');
    expect(h.isDirty()).toBe(true);
    expect(dirtyChanges).toEqual([true]);
    expect(text('hl-editor-dirty')).toContain('Unsaved changes');

    const bar = host.querySelector('.hl-editor-bar');
    bar?.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));
    await vi.waitFor(() => {
      expect(saved).toHaveLength(1);
    });
    expect(fake.writes[0]).toEqual({ node: 'lb02', path: KA, content: CONF.replace('priority', 'priorty') });
    const markers = monaco.editor.getModelMarkers({ resource: model().uri });
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ startLineNumber: 3, startColumn: 5, endColumn: 12, message: "Unknown keyword 'priorty'", severity: monaco.MarkerSeverity.Error });
    expect(h.isDirty()).toBe(false);
    expect(dirtyChanges).toEqual([true, false]);
    expect(text('hl-editor-status')).toBe('Saved into lb02. keepalived reports 1 problem(s): the daemon would refuse this configuration.');
    expect(text('hl-editor-problems-list')).toContain("Line 3: Unknown keyword 'priorty'");

    edit(model(), 'priorty', 'priority');
    const result = await h.save();
    expect(result).toMatchObject({ saved: true, valid: true, markers: [] });
    expect(monaco.editor.getModelMarkers({ resource: model().uri })).toHaveLength(0);
    expect(text('hl-editor-status')).toBe('Saved into lb02. keepalived accepts the configuration.');
    expect((host.querySelector('.hl-editor-problems') as HTMLElement).hidden).toBe(true);
  }, 30_000);

  it("saves with Ctrl+S typed in the text itself (Monaco's own key binding), once", async () => {
    const { handle: h, fake, model, host } = await setup();
    await h.open('lb02', KA);
    edit(model(), 'BACKUP', 'MASTER');
    const textarea = host.querySelector('textarea');
    expect(textarea).not.toBeNull();
    textarea?.focus();
    // Monaco still reads the legacy keyCode.
    textarea?.dispatchEvent(new KeyboardEvent('keydown', { key: 's', code: 'KeyS', keyCode: 83, ctrlKey: true, bubbles: true, cancelable: true }));
    await vi.waitFor(() => {
      expect(fake.writes).toHaveLength(1);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.writes).toHaveLength(1);
    expect(h.isDirty()).toBe(false);
  }, 30_000);

  it('asks before dropping unsaved changes and keeps them when the learner says no', async () => {
    let answer = false;
    const { handle: h, model, asked } = await setup(() => answer);
    await h.open('lb02', KA);
    edit(model(), 'BACKUP', 'MASTER');
    expect(await h.open('lb02', '/etc/nginx/conf.d/lb.conf')).toBe(false);
    expect(asked).toEqual([`You have unsaved changes in lb02:${KA}. Discard them?`]);
    expect(model().getValue()).toContain('MASTER');
    expect(await h.confirmClose()).toBe(false);

    answer = true;
    expect(await h.open('lb02', '/etc/nginx/conf.d/lb.conf')).toBe(true);
    expect(model().getLanguageId()).toBe('nginx');
    expect(h.isDirty()).toBe(false);
    expect(await h.confirmClose()).toBe(true);
  }, 30_000);

  it('holds up closing the window only while there are unsaved changes', async () => {
    const { handle: h, model } = await setup();
    await h.open('lb02', KA);
    const fire = (): boolean => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(fire()).toBe(false);
    edit(model(), 'BACKUP', 'MASTER');
    expect(fire()).toBe(true);
    // Undoing back to the saved text is not a change.
    void model().undo();
    expect(h.isDirty()).toBe(false);
    expect(fire()).toBe(false);
  }, 30_000);

  it('shows read and save failures with the way forward and keeps the text dirty', async () => {
    const { handle: h, fake, model, text } = await setup();
    expect(await h.open('lb02', '/bin/ls')).toBe(false);
    expect(text('hl-editor-status')).toBe('Could not open lb02:/bin/ls: lb02:/bin/ls is a binary file, not UTF-8 text. Use the terminal.');
    await h.open('lb02', KA);
    edit(model(), 'BACKUP', 'MASTER');
    fake.failWrite = 'The node lb02 is not running.';
    expect(await h.save()).toBeUndefined();
    expect(text('hl-editor-status')).toBe('Not saved: The node lb02 is not running.');
    expect(h.isDirty()).toBe(true);
  }, 30_000);

  it('opens a missing file as a new one and switches language on the fly', async () => {
    const { handle: h, text, host } = await setup();
    await h.open('lb01', '/etc/keepalived/check.sh');
    expect(text('hl-editor-status')).toContain('New file');
    h.setLang('zh-CN');
    expect(host.querySelector('.hl-editor-save')?.textContent).toBe('保存');
    expect(text('hl-editor-status')).toContain('新文件');
    expect(text('hl-editor-lang')).toBe('shell');
    h.dispose();
    handle = undefined;
    expect(host.querySelector('.hl-editor')).toBeNull();
  }, 30_000);
});
