// One node's shell. Mounted the first time its tab is shown and kept alive while hidden, so switching
// tabs never loses a session; remounted when the lab restarts or the host connection is new.
import { useEffect, useRef } from 'preact/hooks';
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { useShownOnce } from '../util/useShownOnce.js';
import { mountTerminal, type TerminalHandle } from '../terminal/index.js';

export interface TerminalPaneProps {
  api: HalabApi;
  lab: string;
  node: string;
  active: boolean;
  /** Changes when the sessions behind the terminals are gone (lab restarted, reconnected). */
  epoch: string;
}

export function TerminalPane({ api, lab, node, active, epoch }: TerminalPaneProps) {
  const { lang, t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const handle = useRef<TerminalHandle | null>(null);
  const wanted = useShownOnce(active);
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    if (!wanted || !ref.current) return;
    const h = mountTerminal(ref.current, api, { lab, node, lang: langRef.current });
    handle.current = h;
    return () => {
      h.dispose();
      handle.current = null;
    };
  }, [wanted, api, lab, node, epoch]);

  useEffect(() => {
    handle.current?.setLang(lang);
  }, [lang]);

  useEffect(() => {
    if (!active) return;
    // Sizes are only known once the pane is displayed again.
    const id = requestAnimationFrame(() => {
      handle.current?.fit();
      handle.current?.focus();
    });
    return () => {
      cancelAnimationFrame(id);
    };
  }, [active, wanted]);

  return <div ref={ref} class="term-pane" hidden={!active} data-testid={`term-${node}`} role="region" aria-label={t('ws.terminalOf', { node })} />;
}
