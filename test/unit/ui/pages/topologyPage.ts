// A test page for test/e2e/topologyLabels.test.ts: the app's real topology diagram (TopologyDiagram with the
// app's stylesheets) rendered in a blank page for any topology, node states and language, at any width, with
// the boxes of all its texts read back. Bundled by test/helpers/bundlePage.ts; driven through
// `window.halabTopologyPage`.
import { h, render } from 'preact';
import type { DiagramCase, LabelBox } from '../../../e2e/topologyLabelsFixture.js';
import { I18nProvider } from '../../../../renderer/i18n/context.js';
import { createLangState } from '../../../../renderer/i18n/langState.js';
import { TopologyDiagram } from '../../../../renderer/topology/TopologyDiagram.js';
import '../../../../renderer/styles/base.css';
import '../../../../renderer/styles/topology.css';

export interface TopologyPageHooks {
  /** Renders the case and resolves with the page boxes of every text of the diagram once it has settled. */
  show(c: DiagramCase): Promise<LabelBox[]>;
}

declare global {
  interface Window {
    halabTopologyPage: TopologyPageHooks;
  }
}

/** The page boxes of every <text> in the diagram (what the learner sees as labels). */
export function textBoxes(root: ParentNode): LabelBox[] {
  return [...root.querySelectorAll('svg[data-testid="topology"] text')].map((t) => {
    const b = t.getBoundingClientRect();
    return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  });
}

const langState = createLangState({ languages: ['en'] });
const settle = (): Promise<void> =>
  new Promise((resolve) => {
    // Fitted texts re-render once after measuring (a microtask); a macrotask comes after all of them.
    setTimeout(resolve, 0);
  });

window.halabTopologyPage = {
  async show(c) {
    const root = document.getElementById('diagram');
    if (!root) throw new Error('no #diagram in the page');
    root.style.width = `${c.width}px`;
    langState.choose(c.lang);
    render(h(I18nProvider, { langState }, h(TopologyDiagram, { nodes: c.nodes, vips: c.vips, vrrp: c.vrrp, selected: null, onSelect: () => undefined })), root);
    await settle();
    await settle();
    return textBoxes(root);
  },
};
