// Probes for the protocol tab's figures, run inside the benchmark's page (plain JavaScript source, for the
// reasons given in pageProbes.ts). Times named `At` are epoch ms from the page's clock
// (performance.timeOrigin + performance.now()); rows carry their newest event's capture time in
// data-last-at, the kernel's timestamp on the host clock the page shares.

/**
 * Every time a protocol row of `kind` (from `from`, or any sender when null) is added or shows a newer last
 * event, notes the event's capture time, the MutationObserver callback that saw the row in the DOM, and
 * the next animation frame. start(kind, from) clears and arms it; stop() returns the samples.
 */
export const PROTOCOL_ROWS_PROBE = `(() => {
  const epoch = () => performance.timeOrigin + performance.now();
  const s = { on: false, kind: null, from: null, samples: [], seen: new Set() };
  const note = (li) => {
    if (!s.on || li.dataset.kind !== s.kind || (s.from !== null && li.dataset.from !== s.from)) return;
    const lastAt = Number(li.dataset.lastAt);
    if (!Number.isFinite(lastAt) || s.seen.has(lastAt)) return;
    s.seen.add(lastAt);
    const sample = { lastAt, domAt: epoch(), frameAt: null, count: Number(li.dataset.count) };
    s.samples.push(sample);
    requestAnimationFrame(() => { sample.frameAt = epoch(); });
  };
  const isRow = (n) => n instanceof HTMLElement && n.dataset.testid === 'protocol-row';
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { if (isRow(r.target)) note(r.target); continue; }
      for (const n of r.addedNodes) {
        if (isRow(n)) note(n);
        else if (n instanceof HTMLElement) n.querySelectorAll('[data-testid="protocol-row"]').forEach(note);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-last-at'] });
  window.__uiBenchProtocol = {
    start(kind, from) { s.kind = kind; s.from = from; s.samples = []; s.seen = new Set(); s.on = true; },
    count() { return s.samples.length; },
    stop() { s.on = false; return s.samples.slice(); },
  };
})()`;

/**
 * Times every animation frame from start() to stop(): the longest gap between two frames is how long the
 * page could not paint; long tasks (over 50 ms of main-thread work) are summed meanwhile.
 */
export const FRAME_GAPS_PROBE = `(() => {
  const s = { on: false, last: 0, gaps: [], longTaskMs: 0, longTasks: 0 };
  new PerformanceObserver((list) => {
    if (!s.on) return;
    for (const e of list.getEntries()) { s.longTaskMs += e.duration; s.longTasks += 1; }
  }).observe({ type: 'longtask' });
  const frame = () => {
    if (!s.on) return;
    const now = performance.now();
    s.gaps.push(now - s.last);
    s.last = now;
    requestAnimationFrame(frame);
  };
  window.__uiBenchFrames = {
    start() { s.on = true; s.gaps = []; s.longTaskMs = 0; s.longTasks = 0; s.last = performance.now(); requestAnimationFrame(frame); },
    stop() { s.on = false; return { gaps: s.gaps.slice(), longTaskMs: s.longTaskMs, longTasks: s.longTasks }; },
  };
})()`;

export interface RowSample {
  lastAt: number;
  domAt: number;
  frameAt: number | null;
  count: number;
}

export interface FrameReading {
  gaps: number[];
  longTaskMs: number;
  longTasks: number;
}
