// labs/README.md quotes the example pack: every block marked `<!-- excerpt: PATH -->` must be, line for line,
// a part of that file as it is in the repository, so the page cannot drift from the pack it documents.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';

interface Excerpt {
  path: string;
  line: number;
  body: string;
}

/** Each marked block: the fence (``` or ````, with an optional language) right after the marker line. */
function excerptsOf(markdown: string): Excerpt[] {
  const out: Excerpt[] = [];
  const marker = /^<!-- excerpt: (\S+) -->\n(`{3,})[a-z]*\n([\s\S]*?)\n\2\n/gm;
  for (const m of markdown.matchAll(marker)) {
    out.push({ path: m[1] ?? '', line: markdown.slice(0, m.index).split('\n').length, body: m[3] ?? '' });
  }
  return out;
}

describe('the excerpts of labs/README.md', () => {
  const readme = readFileSync(join(projectRoot(), 'labs', 'README.md'), 'utf8');
  const excerpts = excerptsOf(readme);

  it('quote the example pack in every section that uses it, each under a marker', () => {
    expect(excerpts.map((e) => e.path)).toEqual([
      'examples/three-balancers/lab.yaml',
      'examples/three-balancers/lab.yaml',
      'examples/three-balancers/lab.yaml',
      'examples/three-balancers/lab.yaml',
      'examples/three-balancers/solution/lb02/keepalived.conf',
      'examples/three-balancers/lab.yaml',
      'examples/three-balancers/steps/en/03-stop-master.md',
      'examples/three-balancers/steps/zh-CN/03-stop-master.md',
    ]);
    // A marker whose fence is malformed would be skipped above: count the markers themselves too.
    expect((readme.match(/^<!-- excerpt: /gm) ?? []).length).toBe(excerpts.length);
  });

  it('are whole lines of the files they name, as the files are now', () => {
    for (const e of excerpts) {
      const file = readFileSync(join(projectRoot(), e.path), 'utf8');
      expect(`\n${file}`.includes(`\n${e.body}\n`), `README line ${e.line}: not a part of ${e.path}`).toBe(true);
    }
  });

  it('would see a change in the pack', () => {
    const [first] = excerpts;
    if (!first) throw new Error('no excerpt');
    const file = readFileSync(join(projectRoot(), first.path), 'utf8');
    const changed = file.replace('holder: lb02', 'holder: lb03');
    expect(changed).not.toBe(file);
    expect(excerpts.some((e) => e.path === first.path && `\n${changed}`.includes(`\n${e.body}\n`) && e.body.includes('holder: lb02'))).toBe(false);
  });
});
