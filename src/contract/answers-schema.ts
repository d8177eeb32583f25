/**
 * The answers-file JSON Schema, generated from the contract fields. Its text is checked in as
 * schemas/answers.schema.json, which is what the CLI ships (json-schema.ts); a test regenerates it
 * from here and compares (`npm run schema` rewrites the file).
 */
import { z } from 'zod';
import { ALIASES } from './aliases.js';
import { FIELD_KEYS, FIELDS } from './fields.js';
import { PRESETS } from './presets.js';

export function answersJsonSchema(): Record<string, unknown> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of FIELD_KEYS) {
    const spec = FIELDS[key];
    const targets = spec.targets === 'all' ? 'all targets' : `target ${spec.targets.join(', ')}`;
    shape[key] = (key === 'preset' ? z.enum(PRESETS.map((p) => p.name) as [string, ...string[]]) : spec.schema)
      .describe(`${spec.description} (${targets}${'advanced' in spec && spec.advanced ? ', advanced' : ''})`)
      .optional();
  }
  const schema = z.toJSONSchema(z.object(shape).strict(), { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, unknown>;
  for (const alias of Object.keys(ALIASES).sort()) {
    properties[alias] = { description: `Upper-case alias accepted from the reference console's answers files.` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://starter-console.dev/schemas/answers.schema.json',
    title: 'starter-console answers file',
    description: 'Answers for `starter-console setup wizard` (YAML or JSON). Generated from the contract; do not edit.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export function generatedAnswersSchemaText(): string {
  return `${JSON.stringify(answersJsonSchema(), null, 2)}\n`;
}
