// The right side of a lab: the live topology, what crosses the lab network, one terminal per node, the config
// editor and, for labs that use it, the nodes' mail. Tabs, with an optional split that keeps the topology in
// view beside the others. The protocol feed is watched here, once, for both the protocol tab and the VIP moves.
import { useRef, useState } from 'preact/hooks';
import type { HalabApi, LabDetail } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { ProtocolPane } from '../protocol/ProtocolPane.js';
import { useProtocol } from '../protocol/useProtocol.js';
import { TopologyPane } from '../topology/TopologyPane.js';
import type { LiveTopology } from '../topology/useTopology.js';
import { EditorPane } from './EditorPane.js';
import { MailPane } from './MailPane.js';
import { TerminalPane } from './TerminalPane.js';

export type TabId = 'topology' | 'protocol' | 'editor' | 'mail' | `term:${string}`;

export interface WorkspaceProps {
  api: HalabApi;
  detail: LabDetail;
  epoch: string;
  live: LiveTopology;
  onStart: () => void;
  starting: boolean;
}

export function Workspace(props: WorkspaceProps) {
  const { api, detail, epoch } = props;
  const { t } = useI18n();
  const [tab, setTab] = useState<TabId>('topology');
  const [split, setSplit] = useState(false);
  const tabsRef = useRef<HTMLDivElement>(null);
  const mail = detail.mail;
  // Watched anew after a reconnect only (epoch is "<lab starts>:<session>"): when the lab restarts, the host
  // restarts the feed of the watch it has and sends a reset.
  const protocol = useProtocol(api, detail.id, detail.running, epoch.slice(epoch.indexOf(':') + 1));

  const tabs: { id: TabId; label: string; testid: string }[] = [
    { id: 'topology', label: t('ws.topology'), testid: 'ws-tab-topology' },
    { id: 'protocol', label: t('ws.protocol'), testid: 'ws-tab-protocol' },
    ...detail.nodes.map((n) => ({ id: `term:${n.name}` as TabId, label: n.name, testid: `term-tab-${n.name}` })),
    { id: 'editor', label: t('ws.editor'), testid: 'ws-tab-editor' },
    ...(mail ? [{ id: 'mail' as TabId, label: t('ws.mail'), testid: 'ws-tab-mail' }] : []),
  ];

  const onTabKey = (e: KeyboardEvent): void => {
    // Arrow keys move between tabs, as in any tab list.
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = tabs.findIndex((x) => x.id === tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
    const target = tabs[next];
    if (!target) return;
    setTab(target.id);
    tabsRef.current?.querySelector<HTMLElement>(`[data-tab="${target.id}"]`)?.focus();
  };

  const splitActive = split && tab !== 'topology';
  const termNodes = detail.nodes.map((n) => n.name);

  return (
    <div class={`workspace ${splitActive ? 'ws-split-on' : ''}`}>
      <div class="ws-bar">
        <div class="ws-tabs" role="tablist" aria-label={t('ws.label')} ref={tabsRef} onKeyDown={onTabKey}>
          {tabs.map((x, i) => {
            const isTerm = x.id.startsWith('term:');
            const prevIsTerm = tabs[i - 1]?.id.startsWith('term:') ?? false;
            return (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`tab-${x.id.replace(':', '-')}`}
                data-tab={x.id}
                aria-selected={tab === x.id}
                aria-controls={`panel-${x.id.replace(':', '-')}`}
                tabIndex={tab === x.id ? 0 : -1}
                class={`ws-tab ${tab === x.id ? 'is-active' : ''} ${isTerm ? 'ws-tab-term' : ''} ${isTerm && !prevIsTerm ? 'ws-tab-group-start' : ''}`}
                onClick={() => {
                  setTab(x.id);
                }}
                data-testid={x.testid}
              >
                {isTerm && (
                  <span class="ws-tab-prompt" aria-hidden="true">
                    $
                  </span>
                )}
                {x.label}
              </button>
            );
          })}
        </div>
        <label class="ws-split-toggle">
          <input
            type="checkbox"
            checked={split}
            onChange={(e) => {
              setSplit(e.currentTarget.checked);
            }}
            data-testid="ws-split"
          />
          {t('ws.split')}
        </label>
      </div>
      <div class="ws-body">
        <div class="ws-main" hidden={tab === 'topology'}>
          {termNodes.map((node) => {
            const active = tab === `term:${node}`;
            const panelId = `panel-term-${node}`;
            return (
              <div key={node} id={panelId} role="tabpanel" aria-labelledby={`tab-term-${node}`} class="ws-panel ws-panel-term" hidden={!active}>
                {detail.running ? (
                  <TerminalPane api={api} lab={detail.id} node={node} active={active} epoch={epoch} />
                ) : (
                  <div class="ws-placeholder" data-testid={`term-${node}`}>
                    <p>{t('ws.terminalNeedsLab', { node })}</p>
                    <button type="button" class="btn btn-primary" disabled={props.starting} onClick={props.onStart}>
                      {t('lab.up')}
                    </button>
                  </div>
                )}
              </div>
            );
          })}
          <div id="panel-protocol" role="tabpanel" aria-labelledby="tab-protocol" class="ws-panel ws-panel-protocol" hidden={tab !== 'protocol'}>
            <ProtocolPane store={protocol} nodes={termNodes} active={tab === 'protocol'} />
          </div>
          <div id="panel-editor" role="tabpanel" aria-labelledby="tab-editor" class="ws-panel" hidden={tab !== 'editor'}>
            <EditorPane api={api} detail={detail} active={tab === 'editor'} epoch={epoch} />
          </div>
          {mail && (
            <div id="panel-mail" role="tabpanel" aria-labelledby="tab-mail" class="ws-panel" hidden={tab !== 'mail'}>
              <MailPane api={api} lab={detail.id} running={detail.running} active={tab === 'mail'} />
            </div>
          )}
        </div>
        <div id="panel-topology" role="tabpanel" aria-labelledby="tab-topology" class={`ws-panel ws-panel-topology ${splitActive ? 'ws-side' : ''}`} hidden={tab !== 'topology' && !splitActive}>
          <TopologyPane api={api} detail={detail} live={props.live} protocol={protocol} />
        </div>
      </div>
    </div>
  );
}
