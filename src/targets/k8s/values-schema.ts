/**
 * The chart's values.schema.json as an in-process validator (the same draft-07 schema `helm lint`
 * enforces), and Helm's way of layering values files over the chart defaults.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import validateChartValues from '../../../templates/k8s/chart/values.schema.json?validator';
import { CHART_DEFAULTS, VALUES_SCHEMA_TEXT } from './chart.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

const compiled = new Map<string, ValidateFunction>();
let chartSchemaId: string | undefined;

/**
 * A validator per schema: the chart's own was compiled at build time; any other (a bundle's copy
 * that was edited, which `validate` reads from disk) is compiled here with the same Ajv options.
 */
function validator(schema: Json | undefined): ValidateFunction {
  if (schema === undefined) return validateChartValues;
  const id = JSON.stringify(schema);
  chartSchemaId ??= JSON.stringify(JSON.parse(VALUES_SCHEMA_TEXT));
  if (id === chartSchemaId) return validateChartValues;
  let validate = compiled.get(id);
  if (!validate) {
    const { $schema: _ignored, ...rest } = schema;
    validate = new Ajv({ allErrors: true, strict: false }).compile(rest);
    compiled.set(id, validate);
  }
  return validate;
}

/** Helm's coalescing: maps merge key by key, anything else replaces, null removes the key. */
export function helmMerge(base: Json, override: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) out[key] = helmMerge(out[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

/** The values Helm would render with: chart defaults, then each values file in order. */
export function effectiveValues(...files: readonly Json[]): Json {
  return files.reduce<Json>((acc, f) => helmMerge(acc, f), CHART_DEFAULTS);
}

/** Problems of the effective values against values.schema.json (the chart's, or `schema`), one line each (`/path message`). */
export function valuesSchemaProblems(values: unknown, schema?: Json): string[] {
  const validate = validator(schema);
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
    const name = e.params && 'propertyName' in e.params ? ` (${String(e.params.propertyName)})` : '';
    return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}${name}`;
  });
}
