/** The Terraform fixture bundle (test/fixtures/terraform/basic) as planned files, to edit in memory. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { file, type PlannedFile } from '../src/bundle/plan.js';
import { REPO_ROOT } from './real-tools.js';

export const TF_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'basic');
export const TF_ROOT = 'ops/infra/aws';
export const TF_MODULE = 'ops/infra/modules/app-env';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function fixtureFiles(): PlannedFile[] {
  return walk(TF_FIXTURE)
    .sort()
    .map((path) => file(relative(TF_FIXTURE, path), readFileSync(path, 'utf8')));
}

/** The fixture with one file changed (or added, or removed with `undefined`). */
export function withFile(files: readonly PlannedFile[], path: string, content: string | ((old: string) => string) | undefined): PlannedFile[] {
  const old = files.find((f) => f.path === path)?.content ?? '';
  const rest = files.filter((f) => f.path !== path);
  if (content === undefined) return rest;
  return [...rest, file(path, typeof content === 'function' ? content(old) : content)];
}
