/**
 * The JSON Schema validators the CLI ships are compiled at build time (Ajv standalone code, see
 * scripts/build-time-modules.mjs). They must judge exactly as a validator Ajv compiles at run time
 * from the same schema with the same options: same verdict, same error list, on valid and invalid
 * samples.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMA_OPTIONS } from '../../scripts/build-time-modules.mjs';
import composeStandalone from '../../schemas/vendor/compose-spec.json?validator';
import valuesStandalone from '../../templates/k8s/chart/values.schema.json?validator';
import { CHART_DEFAULTS, VALUES_SCHEMA_TEXT } from '../../src/targets/k8s/chart.js';
import { helmMerge, valuesSchemaProblems } from '../../src/targets/k8s/values-schema.js';

type Json = Record<string, unknown>;

function compiledAtRunTime(path: string): ValidateFunction {
  const options = SCHEMA_OPTIONS[path.split('/').pop() ?? ''];
  if (!options) throw new Error(`no options for ${path}`);
  const { $schema: _ignored, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Json;
  const ajv = new Ajv({ allErrors: true, strict: false });
  if (options.formats) (addFormatsPlugin as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

function agree(standalone: ValidateFunction, runtime: ValidateFunction, sample: unknown): { valid: boolean; errors: number } {
  const valid = standalone(sample);
  expect(runtime(sample)).toBe(valid);
  expect(standalone.errors ?? null).toEqual(runtime.errors ?? null);
  return { valid, errors: standalone.errors?.length ?? 0 };
}

const clone = <T>(value: T): T => structuredClone(value);

describe('the Compose Specification validator compiled at build time', () => {
  const runtime = compiledAtRunTime('schemas/vendor/compose-spec.json');
  const compose = parse(readFileSync('test/golden/expected/vps-worker-api-host/ops/compose/docker-compose.prod.yml', 'utf8')) as Json;
  const services = compose.services as Record<string, Json>;
  const [first] = Object.keys(services);

  it('accepts the generated compose files, as a runtime-compiled one does', () => {
    for (const name of ['vps-dev-minio', 'vps-inline-managed-data', 'vps-worker-api-host']) {
      const doc = parse(readFileSync(`test/golden/expected/${name}/ops/compose/docker-compose.prod.yml`, 'utf8'));
      expect(agree(composeStandalone, runtime, doc)).toEqual({ valid: true, errors: 0 });
    }
  });

  it.each([
    ['an unknown top-level key', (d: Json) => ({ ...d, servicez: {} })],
    ['an unknown service key', (d: Json) => ({ ...d, services: { ...services, [first ?? 'x']: { ...services[first ?? 'x'], imagee: 'x' } } })],
    ['a wrong type', (d: Json) => ({ ...d, services: { ...services, [first ?? 'x']: { ...services[first ?? 'x'], restart: 42, ports: 'x' } } })],
    ['a wrong shape of depends_on', (d: Json) => ({ ...d, services: { ...services, [first ?? 'x']: { ...services[first ?? 'x'], depends_on: { api: { condition: 'sometimes' } } } } })],
    // Objects in a unique list: Ajv's generated code compares them with its runtime `equal` helper.
    ['a duplicate in a unique list', (d: Json) => ({ ...d, services: { ...services, [first ?? 'x']: { ...services[first ?? 'x'], ports: [{ target: 80 }, { target: 80 }] } } })],
    ['not an object', () => ['services']],
  ])('rejects %s with the same errors as a runtime-compiled one', (_name, mutate) => {
    const result = agree(composeStandalone, runtime, mutate(clone(compose)));
    expect(result.valid).toBe(false);
    expect(result.errors).toBeGreaterThan(0);
  });
});

describe("the chart's values.schema.json validator compiled at build time", () => {
  const runtime = compiledAtRunTime('templates/k8s/chart/values.schema.json');
  const api = CHART_DEFAULTS.api as Json;

  it("accepts the chart's defaults, as a runtime-compiled one does", () => {
    expect(agree(valuesStandalone, runtime, CHART_DEFAULTS)).toEqual({ valid: true, errors: 0 });
  });

  it.each([
    ['an unknown key', { apii: {} }],
    ['a wrong type', { api: { replicaCount: 'two' } }],
    ['a number out of range and a bad env name', { api: { replicaCount: -1, env: { 'not a name': 1 } } }],
    ['a wrong nested shape', { api: { ...api, image: 'repo:tag' }, ingress: { enabled: 'yes' } }],
  ])('rejects %s with the same errors as a runtime-compiled one', (_name, override) => {
    const result = agree(valuesStandalone, runtime, helmMerge(CHART_DEFAULTS, override as Json));
    expect(result.valid).toBe(false);
    expect(result.errors).toBeGreaterThan(0);
  });

  it("is used for the chart's own schema, and a changed schema is compiled at run time", () => {
    const bad = helmMerge(CHART_DEFAULTS, { api: { replicaCount: 'two' } });
    const own = JSON.parse(VALUES_SCHEMA_TEXT) as Json;
    expect(valuesSchemaProblems(bad, own)).toEqual(valuesSchemaProblems(bad));
    const loose = { ...own, additionalProperties: true, properties: { ...(own.properties as Json), api: {} } };
    expect(valuesSchemaProblems(bad)).not.toEqual([]);
    expect(valuesSchemaProblems(bad, loose)).toEqual([]);
  });
});
