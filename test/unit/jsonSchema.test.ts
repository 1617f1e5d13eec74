import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labPackJsonSchema } from '../../electron/labs/jsonSchema.js';
import { projectRoot } from '../../electron/util/paths.js';

describe('labs/lab-pack.schema.json', () => {
  it('is the schema generated from schema.ts (regenerate: npx tsx electron/labs/writeSchema.ts)', async () => {
    const committed = JSON.parse(await readFile(join(projectRoot(), 'labs', 'lab-pack.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(labPackJsonSchema());
  });
});
