/**
 * What kind of prompt a contract key needs, read from its zod schema: a select for an enum, a
 * confirm for a boolean, a list for an array, a NAME=value loop for a record, text otherwise. New
 * keys get a prompt without any change here.
 */
import type { z } from 'zod';

export type Kind =
  | { type: 'select'; options: readonly string[] }
  | { type: 'confirm' }
  | { type: 'number' }
  | { type: 'text' }
  | { type: 'list'; item: z.ZodType }
  | { type: 'map'; value: z.ZodType }
  /** Anything else (objects, unions): typed as JSON. */
  | { type: 'json' };

interface Def {
  type: string;
  entries?: Record<string, string | number>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strip wrappers that do not change what a user types (optional, default, a pipe's output side). */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let s = schema; ; ) {
    const def = defOf(s);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

export function kindOf(schema: z.ZodType): Kind {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'enum':
      return { type: 'select', options: Object.values(def.entries ?? {}).map(String) };
    case 'literal':
      return { type: 'select', options: (def.values ?? []).map(String) };
    case 'boolean':
      return { type: 'confirm' };
    case 'number':
    case 'int':
      return { type: 'number' };
    case 'string':
      return { type: 'text' };
    case 'array':
      return def.element ? { type: 'list', item: def.element } : { type: 'json' };
    case 'record':
      return def.valueType ? { type: 'map', value: def.valueType } : { type: 'json' };
    default:
      return { type: 'json' };
  }
}
