// The config editor: Monaco with our own grammars, reading and saving files inside a lab node through
// the typed API. After each save the daemon's own test mode answers, and its problems are placed on the
// lines they name. Unsaved changes are never dropped silently: opening another file asks first, the
// shell can ask isDirty()/confirmClose(), and closing the window is held up by a beforeunload guard.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ConfigMarker, HalabApi, Lang, SaveResult } from '../../common/contract.js';
import { translate, type Vars } from '../i18n/translate.js';
import { languageForPath, type EditorLanguage } from './languageForPath.js';
import { SEVERITY, toEditorMarkers } from './markers.js';
import { registerEditorLanguages, THEME_DARK, THEME_LIGHT } from './registerLanguages.js';
import { editorStrings } from '../i18n/editorStrings.js';
import './editor.css';
import { errorInfo } from '../util/errors.js';

export type EditorTheme = 'light' | 'dark';

export interface EditorOptions {
  lab: string;
  lang: Lang;
  onDirtyChange?: (dirty: boolean) => void;
  onSaved?: (r: SaveResult) => void;
  /** Asks whether unsaved changes may be dropped; window.confirm when not given. */
  confirmDiscard?: (message: string) => boolean | Promise<boolean>;
  /** Follows the system's colour scheme when not given. */
  theme?: EditorTheme;
}

export interface EditorHandle {
  /** Opens node:path; resolves false when the learner kept unsaved changes or the file could not be read. */
  open(node: string, path: string): Promise<boolean>;
  /** Saves into the node and validates; resolves undefined when nothing was saved (the error is shown). */
  save(): Promise<SaveResult | undefined>;
  isDirty(): boolean;
  /** Resolves true when the editor may close: nothing unsaved, or the learner agreed to drop it. */
  confirmClose(): Promise<boolean>;
  current(): { node: string; path: string } | undefined;
  setLang(lang: Lang): void;
  setTheme(theme: EditorTheme): void;
  dispose(): void;
}

type StatusKind = 'info' | 'busy' | 'ok' | 'warn' | 'error';
interface Status {
  key: string;
  vars?: Vars;
  kind: StatusKind;
}

const MARKER_OWNER = 'halab-validator';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  parent?.appendChild(node);
  return node;
}

/** The error's text and, for an API error, the host's advice on fixing it. */
function describeError(err: unknown): string {
  const { message, fix } = errorInfo(err);
  return fix ? `${message} ${fix}` : message;
}

function systemTheme(): EditorTheme {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function statusAfterSave(r: SaveResult, node: string): Status {
  if (!r.validator) return { key: 'editor.saved', vars: { node }, kind: 'ok' };
  const errors = r.markers.filter((m) => m.severity === 'error').length;
  if (r.valid === false) return { key: 'editor.savedInvalid', vars: { node, validator: r.validator, count: Math.max(1, errors) }, kind: 'error' };
  if (r.markers.length) return { key: 'editor.savedWarnings', vars: { node, validator: r.validator, count: r.markers.length }, kind: 'warn' };
  return { key: 'editor.savedValid', vars: { node, validator: r.validator }, kind: 'ok' };
}

export async function mountEditor(host: HTMLElement, api: HalabApi, opts: EditorOptions): Promise<EditorHandle> {
  // Loaded on first use: the editor is the app's heaviest part and most screens never show it.
  const { monaco } = await import('./monaco.js');
  registerEditorLanguages(monaco);

  let lang = opts.lang;
  const t = (key: string, vars?: Vars): string => translate(editorStrings, lang, key, vars);

  const root = el('div', 'hl-editor', host);
  const bar = el('div', 'hl-editor-bar', root);
  const langBadge = el('span', 'hl-editor-lang', bar);
  const fileLabel = el('span', 'hl-editor-file', bar);
  const dirtyLabel = el('span', 'hl-editor-dirty', bar);
  el('span', 'hl-editor-spacer', bar);
  const saveButton = el('button', 'hl-editor-save', bar);
  saveButton.type = 'button';
  const statusLine = el('div', 'hl-editor-status', root);
  statusLine.setAttribute('role', 'status');
  statusLine.setAttribute('aria-live', 'polite');
  const editorHost = el('div', 'hl-editor-host', root);
  const problemsBox = el('div', 'hl-editor-problems', root);
  const problemsTitle = el('div', 'hl-editor-problems-title', problemsBox);
  const problemsList = el('ul', 'hl-editor-problems-list', problemsBox);

  let theme = opts.theme ?? systemTheme();
  const editor = monaco.editor.create(editorHost, {
    model: null,
    readOnly: true,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    renderWhitespace: 'selection',
    // Fullwidth punctuation pasted into a directive is a classic mistake; in Chinese comments it is normal.
    unicodeHighlight: { includeComments: false },
    fixedOverflowWidgets: true,
    theme: theme === 'dark' ? THEME_DARK : THEME_LIGHT,
  });

  let file: { node: string; path: string; language: EditorLanguage } | undefined;
  let model: Monaco.editor.ITextModel | undefined;
  let savedVersion = 0;
  let lastDirty = false;
  let markers: ConfigMarker[] = [];
  let status: Status | undefined = { key: 'editor.noFile', kind: 'info' };
  let saving: Promise<SaveResult | undefined> | undefined;
  let openSeq = 0;
  let disposed = false;

  const isDirty = (): boolean => model !== undefined && model.getAlternativeVersionId() !== savedVersion;

  const beforeUnload = (e: BeforeUnloadEvent): void => {
    e.preventDefault();
  };

  function render(): void {
    saveButton.textContent = t('editor.save');
    saveButton.title = t('editor.saveTitle');
    saveButton.disabled = !file || saving !== undefined;
    langBadge.textContent = file ? t(`editor.lang.${file.language}`) : '';
    langBadge.hidden = !file;
    fileLabel.textContent = file ? `${file.node}:${file.path}` : '';
    dirtyLabel.textContent = lastDirty ? `● ${t('editor.unsaved')}` : '';
    statusLine.textContent = status ? t(status.key, status.vars) : '';
    statusLine.dataset.kind = status?.kind ?? 'info';
    problemsTitle.textContent = `${t('editor.problems')} (${markers.length})`;
    problemsBox.hidden = markers.length === 0;
    problemsList.replaceChildren(
      ...markers.map((m) => {
        const item = el('li', `hl-editor-problem hl-editor-problem-${m.severity}`);
        const button = el('button', 'hl-editor-problem-button', item);
        button.type = 'button';
        const where = m.line > 0 ? t('editor.line', { line: m.line }) : t('editor.wholeFile');
        button.textContent = `${t(`editor.${m.severity}`)} · ${where}: ${m.message}`;
        button.addEventListener('click', () => {
          const line = Math.min(Math.max(1, m.line), model?.getLineCount() ?? 1);
          editor.revealLineInCenter(line);
          editor.setPosition({ lineNumber: line, column: 1 });
          editor.focus();
        });
        return item;
      }),
    );
  }

  function setStatus(next: Status | undefined): void {
    status = next;
    render();
  }

  function updateDirty(): void {
    const dirty = isDirty();
    if (dirty === lastDirty) return;
    lastDirty = dirty;
    if (dirty) window.addEventListener('beforeunload', beforeUnload);
    else window.removeEventListener('beforeunload', beforeUnload);
    render();
    opts.onDirtyChange?.(dirty);
  }

  async function mayDiscard(): Promise<boolean> {
    if (!isDirty() || !file) return true;
    const message = t('editor.confirmDiscard', { file: `${file.node}:${file.path}` });
    const ask = opts.confirmDiscard ?? ((text: string): boolean => window.confirm(text));
    return ask(message);
  }

  async function open(node: string, path: string): Promise<boolean> {
    if (disposed) return false;
    if (!(await mayDiscard())) return false;
    const seq = ++openSeq;
    setStatus({ key: 'editor.loading', vars: { file: `${node}:${path}` }, kind: 'busy' });
    try {
      const read = await api.call('files.read', { lab: opts.lab, node, path });
      // A later open() won the race, or the editor went away meanwhile.
      if (seq !== openSeq || disposed) return false;
      const language = languageForPath(path, read.content);
      const previous = model;
      model = monaco.editor.createModel(read.content, language);
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      model.onDidChangeContent(updateDirty);
      editor.setModel(model);
      editor.updateOptions({ readOnly: false });
      previous?.dispose();
      savedVersion = model.getAlternativeVersionId();
      file = { node, path, language };
      markers = [];
      setStatus(read.exists ? undefined : { key: 'editor.newFile', kind: 'info' });
      updateDirty();
      return true;
    } catch (err) {
      if (seq === openSeq && !disposed) setStatus({ key: 'editor.openFailed', vars: { file: `${node}:${path}`, message: describeError(err) }, kind: 'error' });
      return false;
    }
  }

  function save(): Promise<SaveResult | undefined> {
    if (disposed || !model || !file) return Promise.resolve(undefined);
    if (saving) return saving;
    const target = file;
    const saved = model;
    const version = saved.getAlternativeVersionId();
    const content = saved.getValue();
    saving = (async (): Promise<SaveResult | undefined> => {
      setStatus({ key: 'editor.saving', kind: 'busy' });
      try {
        const result = await api.call('files.write', { lab: opts.lab, node: target.node, path: target.path, content });
        if (saved === model && !disposed) {
          savedVersion = version;
          markers = result.markers;
          // Placed against the text that was validated, which is what the line numbers refer to.
          const placed = toEditorMarkers(result.markers, content.split('\n')).map(({ severity, ...range }): Monaco.editor.IMarkerData => ({
            ...range,
            severity: severity === SEVERITY.error ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          }));
          monaco.editor.setModelMarkers(saved, MARKER_OWNER, placed);
          status = statusAfterSave(result, target.node);
          updateDirty();
        }
        opts.onSaved?.(result);
        return result;
      } catch (err) {
        if (!disposed) status = { key: 'editor.saveFailed', vars: { message: describeError(err) }, kind: 'error' };
        return undefined;
      } finally {
        saving = undefined;
        if (!disposed) render();
      }
    })();
    render();
    return saving;
  }

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
  // Ctrl/Cmd+S also while the focus is on the bar or the problem list, not only in the text.
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 's') return;
    e.preventDefault();
    void save();
  };
  root.addEventListener('keydown', onKeyDown);
  saveButton.addEventListener('click', () => void save());
  render();

  return {
    open,
    save,
    isDirty,
    confirmClose: mayDiscard,
    current: () => (file ? { node: file.node, path: file.path } : undefined),
    setLang(next) {
      lang = next;
      render();
    },
    setTheme(next) {
      theme = next;
      monaco.editor.setTheme(theme === 'dark' ? THEME_DARK : THEME_LIGHT);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      window.removeEventListener('beforeunload', beforeUnload);
      root.removeEventListener('keydown', onKeyDown);
      editor.dispose();
      model?.dispose();
      root.remove();
    },
  };
}
