// The config editor with a file picker: the lab's usual files per node, plus any path typed in.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HalabApi, LabDetail } from '../../common/contract.js';
import { mountEditor, type EditorHandle } from '../editor/index.js';
import { useI18n } from '../i18n/context.js';
import { useShownOnce } from '../util/useShownOnce.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { useConfirm } from '../ui/useConfirm.js';

export function fileTestId(node: string, path: string): string {
  return `editor-file-${node}-${path.replace(/\//g, '_')}`;
}

const PATH_RE = /^\/(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\-/]+$/;

export function EditorPane(props: { api: HalabApi; detail: LabDetail; active: boolean; epoch: string }) {
  const { api, detail, active, epoch } = props;
  const { t, lang } = useI18n();
  const hostRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<EditorHandle | null>(null);
  const wanted = useShownOnce(active);
  const [mountError, setMountError] = useState<unknown>(null);
  const [current, setCurrent] = useState<{ node: string; path: string } | null>(null);
  const [dirty, setDirty] = useState(false);
  const nodes = detail.nodes.map((n) => n.name);
  const [freeNode, setFreeNode] = useState(nodes[0] ?? '');
  const [freePath, setFreePath] = useState('');
  const [dialog, ask] = useConfirm(t('ws.discardTitle'), t('ws.discardConfirm'));
  const askRef = useRef(ask);
  askRef.current = ask;
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    if (!wanted || !hostRef.current) return;
    let alive = true;
    let mounted: EditorHandle | null = null;
    setMountError(null);
    mountEditor(hostRef.current, api, {
      lab: detail.id,
      lang: langRef.current,
      onDirtyChange: (d) => {
        if (alive) setDirty(d);
      },
      confirmDiscard: (message) => askRef.current(message),
    }).then(
      (h) => {
        if (!alive) {
          h.dispose();
          return;
        }
        mounted = h;
        // The e2e hook for the editor's own Save button.
        hostRef.current?.querySelector('.hl-editor-save')?.setAttribute('data-testid', 'editor-save');
        setHandle(h);
      },
      (err: unknown) => {
        if (alive) setMountError(err);
      },
    );
    return () => {
      alive = false;
      mounted?.dispose();
      setHandle(null);
      setCurrent(null);
      setDirty(false);
    };
  }, [wanted, api, detail.id, epoch]);

  useEffect(() => {
    handle?.setLang(lang);
  }, [handle, lang]);

  const open = async (node: string, path: string): Promise<void> => {
    if (!handle) return;
    if (await handle.open(node, path)) setCurrent({ node, path });
  };

  const byNode = new Map<string, string[]>();
  for (const f of detail.editableFiles) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f.path]);
  const freeValid = PATH_RE.test(freePath) && nodes.includes(freeNode);

  return (
    <div class="editor-pane" hidden={!active}>
      <aside class="file-picker" aria-label={t('ws.files')}>
        <h3>{t('ws.files')}</h3>
        {byNode.size === 0 && <p class="muted small">{t('ws.noFiles')}</p>}
        {[...byNode].map(([node, paths]) => (
          <div key={node} class="file-group">
            <p class="file-group-node">{node}</p>
            <ul>
              {paths.map((p) => {
                const isCurrent = current?.node === node && current.path === p;
                return (
                  <li key={p}>
                    <button
                      type="button"
                      class={`file-link ${isCurrent ? 'is-current' : ''}`}
                      aria-current={isCurrent ? 'true' : undefined}
                      disabled={!handle || !detail.running}
                      title={`${node}:${p}`}
                      onClick={() => void open(node, p)}
                      data-testid={fileTestId(node, p)}
                    >
                      {p}
                      {isCurrent && dirty && (
                        <span class="dirty-dot" aria-label={t('ws.unsaved')}>
                          ●
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        <form
          class="free-path"
          onSubmit={(e) => {
            e.preventDefault();
            if (freeValid) void open(freeNode, freePath);
          }}
        >
          <h4>{t('ws.openOther')}</h4>
          <label class="visually-hidden" for="free-node">
            {t('ws.node')}
          </label>
          <select
            id="free-node"
            value={freeNode}
            onChange={(e) => {
              setFreeNode(e.currentTarget.value);
            }}
            data-testid="editor-free-node"
          >
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <label class="visually-hidden" for="free-path">
            {t('ws.path')}
          </label>
          <input
            id="free-path"
            type="text"
            placeholder="/etc/keepalived/keepalived.conf"
            spellcheck={false}
            autocomplete="off"
            value={freePath}
            onInput={(e) => {
              setFreePath(e.currentTarget.value.trim());
            }}
            aria-invalid={freePath !== '' && !PATH_RE.test(freePath)}
            data-testid="editor-free-path"
          />
          <button type="submit" class="btn btn-small" disabled={!handle || !freeValid || !detail.running} data-testid="editor-free-open">
            {t('ws.open')}
          </button>
          {freePath !== '' && !PATH_RE.test(freePath) && <p class="field-error">{t('ws.pathInvalid')}</p>}
        </form>
      </aside>
      <div class="editor-main">
        {!detail.running && <p class="note note-info">{t('ws.editorNeedsLab')}</p>}
        {mountError !== null && <ErrorNote error={mountError} />}
        {wanted && !handle && mountError === null && (
          <p class="loading-row">
            <span class="spinner" aria-hidden="true" /> {t('ws.editorLoading')}
          </p>
        )}
        <div ref={hostRef} class="editor-host" />
      </div>
      {dialog}
    </div>
  );
}
