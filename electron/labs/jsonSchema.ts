// The JSON Schema of lab.yaml, generated from the zod definition (editors validate packs with it).
import { z } from 'zod';
import { labManifest } from './schema.js';

export function labPackJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(labManifest, { io: 'input', unrepresentable: 'any' }),
    title: 'HA Lab pack manifest (lab.yaml), format 1',
  };
}
