// Regenerates labs/lab-pack.schema.json from schema.ts: npx tsx electron/labs/writeSchema.ts
import { writeFileSync } from 'node:fs';
import { labPackJsonSchema } from './jsonSchema.js';

writeFileSync(new URL('../../labs/lab-pack.schema.json', import.meta.url), `${JSON.stringify(labPackJsonSchema(), null, 2)}\n`);
