// Break things on purpose: stop or start a service, cut VRRP, kill or start a node, restore the network.
// The faults offered depend on the node's role (only load balancers run keepalived).
import { useState } from 'preact/hooks';
import type { HalabApi, MethodInput, NodeInfo } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/tables.js';

type FaultInput = MethodInput<'faults.apply'>;
interface FaultAction {
  key: string;
  label: StringKey;
  fault: FaultInput['fault'];
  service?: FaultInput['service'];
  danger?: boolean;
}

export function faultsFor(node: NodeInfo): FaultAction[] {
  const up = node.state === 'running';
  const list: FaultAction[] = [];
  if (up && node.role === 'lb') {
    list.push(
      { key: 'stop-keepalived', label: 'fault.stopKeepalived', fault: 'stop_service', service: 'keepalived', danger: true },
      { key: 'start-keepalived', label: 'fault.startKeepalived', fault: 'start_service', service: 'keepalived' },
    );
  }
  if (up && node.role !== 'client') {
    list.push(
      { key: 'stop-nginx', label: 'fault.stopNginx', fault: 'stop_service', service: 'nginx', danger: true },
      { key: 'start-nginx', label: 'fault.startNginx', fault: 'start_service', service: 'nginx' },
    );
  }
  if (up && node.role === 'lb') list.push({ key: 'block-vrrp', label: 'fault.blockVrrp', fault: 'block_vrrp', danger: true });
  if (up) list.push({ key: 'restore', label: 'fault.restore', fault: 'restore_network' });
  list.push(up ? { key: 'kill', label: 'fault.kill', fault: 'kill_node', danger: true } : { key: 'start', label: 'fault.start', fault: 'start_node' });
  return list;
}

export function FaultPanel(props: { api: HalabApi; lab: string; node: NodeInfo | undefined }) {
  const { t, err: describe, nodeState } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: true; action: StringKey; node: string } | { ok: false; error: unknown } | null>(null);
  const { node } = props;
  if (!node) {
    return (
      <section class="fault-panel" aria-labelledby="fault-title">
        <h3 id="fault-title">{t('fault.title')}</h3>
        <p class="muted">{t('fault.pick')}</p>
      </section>
    );
  }
  const apply = async (a: FaultAction): Promise<void> => {
    setBusy(a.key);
    setMessage(null);
    const input: FaultInput = { lab: props.lab, fault: a.fault, node: node.name };
    if (a.service) input.service = a.service;
    try {
      await props.api.call('faults.apply', input);
      setMessage({ ok: true, action: a.label, node: node.name });
    } catch (err) {
      setMessage({ ok: false, error: err });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="fault-panel" aria-labelledby="fault-title" data-testid={`faults-${node.name}`}>
      <h3 id="fault-title">{t('fault.titleFor', { node: node.name })}</h3>
      <p class="muted small">
        {node.ip} · {nodeState(node.state)}
      </p>
      <div class="fault-buttons">
        {faultsFor(node).map((a) => (
          <button
            key={a.key}
            type="button"
            class={`btn btn-small ${a.danger ? 'btn-danger-outline' : ''}`}
            disabled={busy !== null}
            onClick={() => void apply(a)}
            data-testid={`fault-${a.key}-${node.name}`}
          >
            {busy === a.key && <span class="spinner" aria-hidden="true" />} {t(a.label)}
          </button>
        ))}
      </div>
      <p class={`fault-message ${message?.ok === false ? 'is-error' : ''}`} role="status" aria-live="polite">
        {message ? (message.ok ? t('fault.done', { action: t(message.action), node: message.node }) : describe(message.error).message) : ''}
      </p>
    </section>
  );
}
