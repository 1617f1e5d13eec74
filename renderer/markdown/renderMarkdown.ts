// Step texts are Markdown from lab packs, which instructors write and learners may import: treat them as
// untrusted. Raw HTML in the source is shown as text, images never load from anywhere (they become their
// alt text), links do not navigate (the address is kept in a tooltip) except in-page anchors and `lab:<id>`
// links to another lab of the app, and DOMPurify has the last word.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { joinCjkLines } from '../i18n/cjkSpacing.js';

/** `lab:<id>` in a pack's Markdown names another lab; it becomes the app's own route to that lab. */
const LAB_LINK = /^lab:([a-z][a-z0-9-]{0,30})$/;
/** The only addresses a rendered link may keep. */
const SAFE_HREF = /^#(?:[\w-]*|\/lab\/[a-z][a-z0-9-]{0,30})$/;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Raw HTML blocks and inline tags are printed, not interpreted.
    html(token: Tokens.HTML | Tokens.Tag): string {
      return esc(token.text);
    },
    image(token: Tokens.Image): string {
      const label = token.text || token.title || token.href;
      return `<span class="md-image-alt" title="${esc(token.href)}">[${esc(label)}]</span>`;
    },
    link(token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      // In-page anchors are harmless; everything else would leave the app or fetch from the network.
      if (/^#[\w-]*$/.test(token.href)) return `<a href="${esc(token.href)}">${inner}</a>`;
      const lab = LAB_LINK.exec(token.href)?.[1];
      if (lab) return `<a class="md-lab-link" href="#/lab/${lab}">${inner}</a>`;
      return `<span class="md-link" title="${esc(token.href)}">${inner}</span>`;
    },
  },
});

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  's',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
  'span',
  'div',
  'input',
  'kbd',
  'sup',
  'sub',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'align', 'type', 'checked', 'disabled', 'start', 'id'];

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!SAFE_HREF.test(href)) node.removeAttribute('href');
      }
      // GFM task lists render checkboxes: keep them inert.
      if (node.tagName === 'INPUT') {
        if (node.getAttribute('type') !== 'checkbox') node.remove();
        else node.setAttribute('disabled', '');
      }
    });
  }
  return DOMPurify;
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(joinCjkLines(source), { async: false });
  return purifier().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOWED_URI_REGEXP: /^#/ });
}
