// labs/README.md's curriculum map (section 10) names lab steps and checks; it must match the packs as they are.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../electron/util/paths.js';

interface Manifest {
  id: string;
  steps: { id: string; checks: { id: string }[] }[];
}

const labsDir = join(projectRoot(), 'labs');
const labs = new Map<string, Map<string, Set<string>>>();
for (const d of readdirSync(labsDir)) {
  const file = join(labsDir, d, 'lab.yaml');
  if (!existsSync(file)) continue;
  const m = parse(readFileSync(file, 'utf8')) as Manifest;
  labs.set(m.id, new Map(m.steps.map((s) => [s.id, new Set(s.checks.map((c) => c.id))])));
}
const readme = readFileSync(join(labsDir, 'README.md'), 'utf8');
const map = readme.slice(readme.indexOf('## 10. Curriculum map'));
/** Rows of the map's tables: [section, lab/step cell, checks cell]. */
const rows = map
  .split('\n')
  .filter((l) => l.startsWith('|') && !l.startsWith('|--'))
  .map((l) => l.split(/(?<!\\)\|/).slice(1, -1))
  .filter((cells) => cells.length === 3 && !/^(Section|Seed|\d{3})$/.test(cells[0]?.trim() ?? ''));

describe('the curriculum map in labs/README.md', () => {
  it('has rows for every document section', () => {
    expect(rows.length).toBeGreaterThan(80);
  });

  it('names only steps and checks that exist, each check in the step named before it', () => {
    const wrong: string[] = [];
    for (const cells of rows) {
      for (const cell of cells.slice(1)) {
        let step: Set<string> | undefined;
        let stepName = '';
        for (const [, token = ''] of cell.matchAll(/`([^`]+)`/g)) {
          const labStep = /^([a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)$/.exec(token);
          if (labStep && labs.has(labStep[1] ?? '')) {
            step = labs.get(labStep[1] ?? '')?.get(labStep[2] ?? '');
            stepName = token;
            if (!step) wrong.push(`no step ${token}`);
          } else if (labs.has(token)) {
            step = undefined;
          } else if (step && /^[a-z][a-z0-9-]{0,30}$/.test(token) && !step.has(token)) {
            wrong.push(`${stepName} has no check ${token}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('backs every row with a check, or says why not', () => {
    const unbacked = rows.filter(([, , checks = '']) => !/`[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*` `/.test(checks) && !/text only|not taught|out of scope|nothing to teach|nothing new/.test(checks));
    expect(unbacked.map(([section = '']) => section.trim().slice(0, 60))).toEqual([]);
  });
});
