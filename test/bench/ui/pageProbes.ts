// Probes that run inside the benchmark's page. They are plain JavaScript source, not functions, so they
// reach the page unchanged whether this file was compiled by tsc or run through tsx (whose helpers would
// not exist in the page), and they are evaluated over the DevTools protocol, which the app's strict CSP
// does not govern. Each one keeps its readings on one window property of the benchmark's own page; the
// app itself has no such hooks. Times are performance.now() (ms since the navigation started) unless
// named `epoch`, which is performance.timeOrigin + performance.now() (ms since 1970, the host's clock).

/**
 * Added before the app's own scripts: watches the DOM from the first byte and notes when the lab view
 * shows its lesson text (the selected step's or the introduction's rendered Markdown) and its workspace
 * with the node terminals' tabs, then the next animation frame (the frame that paints them), and when the
 * topology diagram first draws a node.
 */
export const FIRST_RENDER_INIT = `(() => {
  const mark = { lessonAndWorkspaceDom: null, lessonAndWorkspaceFrame: null, topologyNode: null };
  window.__uiBenchFirstRender = mark;
  const check = () => {
    const now = performance.now();
    if (mark.lessonAndWorkspaceDom === null) {
      const lesson = document.querySelector('.lab-view .step-content .md');
      const terminals = document.querySelector('.lab-view .ws-tabs .ws-tab-term');
      if (lesson && lesson.textContent.trim().length > 0 && terminals) {
        mark.lessonAndWorkspaceDom = now;
        requestAnimationFrame(() => { mark.lessonAndWorkspaceFrame = performance.now(); });
      }
    }
    if (mark.topologyNode === null && document.querySelector('.lab-view [data-testid^="topo-node-"]')) mark.topologyNode = now;
    if (mark.lessonAndWorkspaceDom !== null && mark.topologyNode !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * Added before the app's own scripts: wraps the page's WebSocket class so that every socket the app opens
 * also notes (first, before the app's own handler) when terminal input left and terminal output arrived,
 * with the output's size, and when each API call was sent and answered. Only the last 2000 of each are
 * kept. Used to split the figures' time into the host's share and the page's.
 */
export const WS_TAP_INIT = `(() => {
  const tap = { sends: [], datas: [], dataChars: 0, calls: [] };
  window.__uiBenchWs = tap;
  const keep = (list, item) => { list.push(item); if (list.length > 2000) list.shift(); };
  const open = new Map();
  const Native = window.WebSocket;
  class TappedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        if (e.data.startsWith('{"event":"terminal.data"')) {
          keep(tap.datas, performance.now());
          tap.dataChars += e.data.length;
          return;
        }
        const reply = /^\\{"id":(\\d+)[,}]/.exec(e.data);
        const call = reply ? open.get(reply[1]) : undefined;
        if (call) { call.answeredAt = performance.now(); open.delete(reply[1]); }
      });
    }
    send(frame) {
      if (typeof frame === 'string') {
        const req = /^\\{"id":(\\d+),"method":"([\\w.]+)"/.exec(frame);
        if (req && req[2] === 'terminal.input') keep(tap.sends, performance.now());
        else if (req) { const call = { method: req[2], sentAt: performance.now(), answeredAt: null }; open.set(req[1], call); keep(tap.calls, call); }
      }
      return super.send(frame);
    }
  }
  window.WebSocket = TappedWebSocket;
})();`;

/** Reads the marks above plus the navigation timing of the page load, once the frame mark exists. */
export const FIRST_RENDER_READ = `(() => {
  const m = window.__uiBenchFirstRender;
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  return {
    ...m,
    responseEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    scriptsDone: scripts.length ? Math.max(...scripts.map((r) => r.responseEnd)) : null,
    scriptBytes: scripts.reduce((n, r) => n + (r.transferSize || r.encodedBodySize || 0), 0),
    calls: window.__uiBenchWs ? window.__uiBenchWs.calls.filter((c) => c.sentAt <= m.lessonAndWorkspaceDom) : [],
  };
})()`;

/**
 * Keystroke echo in one node's terminal. arm(typed) starts one measurement: the next keydown anywhere in
 * the page (capture phase, the first moment page code can see the key) starts the clock, and the clock
 * stops in the MutationObserver callback in which the terminal's last prompt row first ends with `typed`
 * (xterm's DOM renderer has then drawn the echoed character). result() waits for that, at most 3 s, and
 * splits the time with the WebSocket tap: key to input sent, sent to output arrived, arrived to DOM.
 */
export const echoProbe = (node: string): string => `(() => {
  const rows = document.querySelector('[data-testid="term-${node}"] .xterm-rows');
  if (!rows) throw new Error('no terminal rows for ${node}');
  const promptMark = '@${node} ';
  const s = { want: null, keyAt: null, seenAt: null, done: null, finish: null };
  const promptRowEnds = (typed) => {
    const all = Array.from(rows.children).map((r) => r.textContent.replace(/\\u00a0/g, ' ').trimEnd());
    const prompts = all.filter((t) => t.includes(promptMark));
    const last = prompts[prompts.length - 1];
    return last !== undefined && last.endsWith(('# ' + typed).trimEnd());
  };
  document.addEventListener('keydown', () => { if (s.want !== null && s.keyAt === null) s.keyAt = performance.now(); }, true);
  new MutationObserver(() => {
    if (s.want === null || s.keyAt === null || s.seenAt !== null) return;
    if (promptRowEnds(s.want)) { s.seenAt = performance.now(); s.finish(); }
  }).observe(rows, { childList: true, subtree: true, characterData: true });
  window.__uiBenchEcho = {
    promptRowEnds,
    arm(typed) {
      s.want = typed; s.keyAt = null; s.seenAt = null;
      s.done = new Promise((r) => { s.finish = r; });
    },
    result() {
      return Promise.race([s.done, new Promise((r) => setTimeout(r, 3000))]).then(() => {
        s.want = null;
        if (s.keyAt === null || s.seenAt === null) return null;
        const tap = window.__uiBenchWs;
        const sentAt = tap ? tap.sends.find((t) => t >= s.keyAt) : undefined;
        const arrivedAt = tap && sentAt !== undefined ? tap.datas.find((t) => t >= sentAt) : undefined;
        return {
          total: s.seenAt - s.keyAt,
          toSend: sentAt === undefined ? null : sentAt - s.keyAt,
          roundTrip: sentAt === undefined || arrivedAt === undefined ? null : arrivedAt - sentAt,
          toDom: arrivedAt === undefined ? null : s.seenAt - arrivedAt,
        };
      });
    },
  };
})()`;

/**
 * A flood of output in one node's terminal. start(marker) arms it: the clock starts at the next Enter
 * keydown and stops in the MutationObserver callback in which the terminal's rows first contain the
 * marker. Meanwhile every animation frame is timed (the longest gap between two frames says how long the
 * page could not paint), and every click on a terminal tab is timed from the input event's own timestamp
 * (when the browser received it) to the first frame after that tab became selected.
 */
export const floodProbe = (node: string): string => `(() => {
  const rows = document.querySelector('[data-testid="term-${node}"] .xterm-rows');
  if (!rows) throw new Error('no terminal rows for ${node}');
  let s = null;
  new PerformanceObserver((list) => {
    if (!s || s.enterAt === null || s.endAt !== null) return;
    for (const e of list.getEntries()) s.longTaskMs += e.duration;
  }).observe({ type: 'longtask' });
  document.addEventListener('keydown', (e) => {
    if (s && e.key === 'Enter' && s.enterAt === null) {
      s.enterAt = performance.now();
      s.charsAtEnter = window.__uiBenchWs ? window.__uiBenchWs.dataChars : 0;
      let last = s.enterAt;
      const frame = (t) => {
        if (!s || s.endAt !== null) return;
        const now = performance.now();
        s.maxFrameGap = Math.max(s.maxFrameGap, now - last);
        s.frames += 1;
        last = now;
        if (now - s.enterAt < 180000) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }
  }, true);
  document.addEventListener('click', (e) => {
    const tab = e.target instanceof Element ? e.target.closest('[role="tab"]') : null;
    if (!s || !tab) return;
    const clickAt = e.timeStamp;
    const seen = () => tab.getAttribute('aria-selected') === 'true';
    const settle = () => requestAnimationFrame(() => { s.clicks.push(performance.now() - clickAt); });
    if (seen()) { settle(); return; }
    const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); settle(); } });
    mo.observe(tab, { attributes: true, attributeFilter: ['aria-selected'] });
  }, true);
  new MutationObserver(() => {
    if (!s || s.enterAt === null || s.endAt !== null) return;
    if (rows.textContent.includes(s.marker)) {
      s.endAt = performance.now();
      const tap = window.__uiBenchWs;
      if (tap) {
        s.wsChars = tap.dataChars - s.charsAtEnter;
        s.lastDataAt = tap.datas[tap.datas.length - 1];
      }
      s.finish();
    }
  }).observe(rows, { childList: true, subtree: true, characterData: true });
  window.__uiBenchFlood = {
    start(marker) {
      s = { marker, enterAt: null, endAt: null, maxFrameGap: 0, frames: 0, clicks: [], longTaskMs: 0, charsAtEnter: 0, wsChars: null, lastDataAt: null, done: null, finish: null };
      s.done = new Promise((r) => { s.finish = r; });
    },
    result(timeoutMs) {
      return Promise.race([s.done, new Promise((r) => setTimeout(r, timeoutMs))]).then(() => ({
        ms: s.enterAt !== null && s.endAt !== null ? s.endAt - s.enterAt : null,
        maxFrameGap: s.maxFrameGap,
        frames: s.frames,
        clicks: s.clicks.slice(),
        longTaskMs: s.longTaskMs,
        wsChars: s.wsChars,
        lastDataToDom: s.lastDataAt !== null && s.lastDataAt !== undefined && s.endAt !== null ? s.endAt - s.lastDataAt : null,
      }));
    },
  };
})()`;

/**
 * The topology diagram showing a node as a VIP holder. arm(node) starts watching; result() resolves with
 * the epoch time of the MutationObserver callback in which topo-node-<node> first has
 * data-holds-vip="true", and of the animation frame after it, or nulls after `timeoutMs`.
 */
export const TOPOLOGY_PROBE = `(() => {
  const epoch = () => performance.timeOrigin + performance.now();
  let s = null;
  window.__uiBenchTopology = {
    arm(node) {
      if (s && s.mo) s.mo.disconnect();
      s = { node, domAt: null, frameAt: null, done: null, finish: null, mo: null };
      s.done = new Promise((r) => { s.finish = r; });
      const holds = () => document.querySelector('[data-testid="topo-node-' + node + '"][data-holds-vip="true"]') !== null;
      const cur = s;
      cur.mo = new MutationObserver(() => {
        if (cur.domAt !== null || !holds()) return;
        cur.domAt = epoch();
        cur.mo.disconnect();
        requestAnimationFrame(() => { cur.frameAt = epoch(); cur.finish(); });
      });
      cur.mo.observe(document.body, { attributes: true, attributeFilter: ['data-holds-vip'], childList: true, subtree: true });
      return holds();
    },
    result(timeoutMs) {
      const cur = s;
      return Promise.race([cur.done, new Promise((r) => setTimeout(r, timeoutMs))]).then(() => {
        cur.mo.disconnect();
        return { domAt: cur.domAt, frameAt: cur.frameAt };
      });
    },
  };
})()`;

/** The median interval of the page's next 61 animation frames, in ms: the grain of every "shown" time. */
export const FRAME_INTERVAL_PROBE = `new Promise((resolve) => {
  const times = [];
  const frame = (t) => {
    times.push(t);
    if (times.length < 62) { requestAnimationFrame(frame); return; }
    const gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
    resolve(gaps[Math.floor(gaps.length / 2)]);
  };
  requestAnimationFrame(frame);
})`;

/** The page's clock, as epoch ms. */
export const PAGE_EPOCH = 'performance.timeOrigin + performance.now()';
