/**
 * The answers-file JSON Schema the CLI prints and writes into every bundle: the checked-in
 * schemas/answers.schema.json, inlined at build time. It is generated from the contract fields by
 * answers-schema.ts, and a test proves the two are equal, so no run rebuilds it.
 */
import schemaText from '../../schemas/answers.schema.json?raw';

export function answersJsonSchemaText(): string {
  return schemaText;
}
