// @vitest-environment happy-dom
// Step texts are untrusted: no script, no raw HTML, no image or link that reaches the network.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../renderer/markdown/renderMarkdown.js';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown: headings, code blocks, tables, inline code', () => {
    // Starts with a paragraph: happy-dom mis-parses DOMPurify's internal `<remove></remove>` prefix and
    // unwraps the first element of the input (real browsers do not).
    const el = dom(renderMarkdown('Intro.\n\n# Title\n\nRun `ip a`.\n\n```bash\ncurl http://10.0.0.3\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'));
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelector('p code')?.textContent).toBe('ip a');
    expect(el.querySelector('pre code')?.textContent).toContain('curl http://10.0.0.3');
    expect(el.querySelectorAll('td')).toHaveLength(2);
  });

  it('removes scripts and event handlers, and prints raw HTML as text', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<div onclick="x()">block</div>\n\n<img src="x" onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>');
    const el = dom(html);
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('iframe')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[onclick]')).toBeNull();
    expect(html).not.toMatch(/<script/i);
    const handlers = Array.from(el.querySelectorAll('*')).flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on')));
    expect(handlers).toEqual([]);
    // shown, not run
    expect(el.textContent).toContain('<script>alert(1)</script>');
  });

  it('never loads an image: remote images become their alt text', () => {
    const el = dom(renderMarkdown('![diagram](https://evil.example/track.png "t") and ![local](data:image/png;base64,AAAA)'));
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('[diagram]');
    expect(el.innerHTML).not.toMatch(/src=/);
  });

  it('links to other hosts do not navigate; in-page anchors still work', () => {
    const el = dom(renderMarkdown('[docs](https://evil.example/x) [mail](mailto:a@b) [js](javascript:alert(1)) [top](#top)'));
    const anchors = Array.from(el.querySelectorAll('a'));
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['#top']);
    expect(el.innerHTML).not.toMatch(/href="(https?:|mailto:|javascript:)/);
    expect(el.textContent).toContain('docs');
  });
  it("turns lab:<id> links into the app's route to that lab, and nothing else of that shape", () => {
    const el = dom(renderMarkdown('See [The first VRRP pair](lab:vrrp-pair), [bad](lab:../x), [js](javascript:alert(1)) and [up](lab:Vrrp).'));
    const links = Array.from(el.querySelectorAll('a'));
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['The first VRRP pair', '#/lab/vrrp-pair']]);
    expect(el.textContent).toContain('bad');
    expect(Array.from(el.querySelectorAll('[href]')).map((a) => a.getAttribute('href'))).toEqual(['#/lab/vrrp-pair']);
  });
});
