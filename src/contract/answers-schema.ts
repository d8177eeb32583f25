/**
 * The answers-file JSON Schema, generated from the contract fields. Its text is checked in as
 * schemas/answers.schema.json, which is what the CLI ships (json-schema.ts); a test regenerates it
 * from here and compares (`npm run schema` rewrites the file).
 */
import { z } from 'zod';
import { ALIASES } from './aliases.js';
import type { ContractSpec } from './contract-spec.js';
import type { FieldSpec } from './fields.js';
import { PRESETS } from './presets.js';

export function answersJsonSchema(contract: ContractSpec): Record<string, unknown> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of contract.fieldKeys) {
    const spec = contract.fields[key] as FieldSpec;
    const targets = spec.targets === 'all' ? 'all targets' : `target ${spec.targets.join(', ')}`;
    shape[key] = (key === 'preset' ? z.enum(PRESETS.map((p) => p.name) as [string, ...string[]]) : spec.schema)
      .describe(`${spec.description} (${targets}${spec.advanced ? ', advanced' : ''})`)
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

export function generatedAnswersSchemaText(contract: ContractSpec): string {
  return `${JSON.stringify(answersJsonSchema(contract), null, 2)}\n`;
}
