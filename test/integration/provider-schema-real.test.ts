/**
 * The extracted provider schemas agree with the real provider: `terraform providers schema -json` of
 * hashicorp/aws 5.100.0 (from the offline mirror) against the checked-in schema of the types the
 * blueprints use, and against a whole-provider extraction; every disagreement is printed. And the
 * checked-in schemas are exactly what the extractor writes today (scripts/extract-provider-schemas.mjs
 * --check). Those two need the pinned packages (npm pack, cached in .tools/schemas): without the
 * npm registry they are a visible SKIP, a failure under REQUIRE_REAL_TOOLS=1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithReal } from '../../scripts/provider-schema-compare.mjs';
import { REPO_ROOT, requireRealTools } from '../real-tools.js';
import { terraformGate } from '../terraform-env.js';

const run = promisify(execFile);
const gate = terraformGate();
const EXTRACT = join(REPO_ROOT, 'scripts', 'extract-provider-schemas.mjs');
const AGREEMENT = 0.999;

type Real = { provider_schemas: Record<string, unknown> };

/** The pinned aws package in the cache (npm pack when missing); a reason when it cannot be had. */
async function packagesReachable(): Promise<string | undefined> {
  try {
    await run(process.execPath, ['-e', `import(${JSON.stringify(EXTRACT)}).then((m) => { for (const p of ['aws', 'google', 'azurerm']) m.assemblyPath(p); })`], { timeout: 180_000 });
    return undefined;
  } catch (error) {
    const reason = `the pinned @cdktf provider packages could not be fetched (npm pack): ${String((error as { stderr?: string }).stderr ?? error).split('\n')[0]}`;
    if (requireRealTools()) throw new Error(`${reason} (REQUIRE_REAL_TOOLS=1)`);
    return reason;
  }
}

function report(label: string, result: { checks: number; disagreements: string[] }): number {
  const agreement = 1 - result.disagreements.length / result.checks;
  console.log(`${label}: ${result.checks} checks, ${result.disagreements.length} disagreements, ${(agreement * 100).toFixed(3)}% agree${result.disagreements.length ? `\n  ${result.disagreements.join('\n  ')}` : ''}`);
  return agreement;
}

describe.skipIf(gate.skip)(`the extracted aws schema against terraform providers schema -json (aws 5.100.0)${gate.label}`, () => {
  let dir: string;
  let real: unknown;
  let restore: () => void;

  beforeAll(async () => {
    restore = gate.useMirror();
    dir = mkdtempSync(join(tmpdir(), 'starter-console-provider-schema-'));
    writeFileSync(join(dir, 'main.tf'), 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "5.100.0"\n    }\n  }\n}\n');
    const terraform = gate.terraform();
    await run(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: process.env, timeout: 120_000 });
    const { stdout } = await run(terraform, ['providers', 'schema', '-json'], { cwd: dir, env: process.env, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    real = (JSON.parse(stdout) as Real).provider_schemas['registry.terraform.io/hashicorp/aws'];
  }, 180_000);
  afterAll(() => {
    restore?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`agrees on the types the blueprints use (schemas/terraform/aws.json), at least ${AGREEMENT * 100}%`, () => {
    const ours = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'terraform', 'aws.json'), 'utf8')) as { resources: object };
    expect(real).toBeDefined();
    const result = compareWithReal(ours, real);
    expect(Object.keys(ours.resources).length).toBeGreaterThan(10);
    expect(report('blueprint types', result)).toBeGreaterThanOrEqual(AGREEMENT);
  });

  it(`agrees on the whole provider, at least ${AGREEMENT * 100}%, and the checked-in schemas are what the extractor writes`, async (ctx) => {
    const unreachable = await packagesReachable();
    if (unreachable) return ctx.skip(unreachable);
    const out = join(dir, 'aws-all.json');
    await run(process.execPath, [EXTRACT, '--all', 'aws', '--out', out], { timeout: 180_000 });
    const whole = JSON.parse(readFileSync(out, 'utf8')) as { resources: object };
    expect(Object.keys(whole.resources).length).toBeGreaterThan(1000);
    expect(report('whole provider', compareWithReal(whole, real))).toBeGreaterThanOrEqual(AGREEMENT);
    const check = await run(process.execPath, [EXTRACT, '--check'], { timeout: 180_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? 1, stderr: error.stderr ?? '' }),
    );
    expect(check, 'schemas/terraform differs from a fresh extraction: run npm run provider-schemas').toEqual({ code: 0, stderr: '' });
  }, 300_000);
});
