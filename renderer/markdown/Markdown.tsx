// Shows sanitized Markdown and adds a copy button to every code block (learners copy commands a lot).
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.js';
import { renderMarkdown } from './renderMarkdown.js';

export function Markdown({ source, class: cls }: { source: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const copyLabel = t('md.copy');
  const copiedLabel = t('md.copied');

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const old of Array.from(root.querySelectorAll('.md-copy'))) old.remove();
    for (const pre of Array.from(root.querySelectorAll('pre'))) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'md-copy';
      button.textContent = copyLabel;
      button.addEventListener('click', () => {
        const text = pre.querySelector('code')?.textContent ?? pre.textContent;
        void navigator.clipboard?.writeText(text).then(
          () => {
            button.textContent = copiedLabel;
            setTimeout(() => {
              button.textContent = copyLabel;
            }, 1500);
          },
          () => undefined,
        );
      });
      pre.append(button);
    }
  }, [html, copyLabel, copiedLabel]);

  return <div ref={ref} class={`md ${cls ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
