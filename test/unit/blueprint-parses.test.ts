import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import { AWS_BLUEPRINT_FILES, AWS_PARSES } from '../../src/targets/aws/blueprint.js';
import { AZURE_BLUEPRINT_FILES, AZURE_PARSES, SECRETS_MODULE_FILES } from '../../src/targets/azure/blueprint.js';
import { GCP_BLUEPRINT_FILES, GCP_MODULE_FILES, GCP_PARSES } from '../../src/targets/gcp/blueprint.js';
import { APP_ENV_MODULE_FILES, APP_ENV_PARSES } from '../../src/targets/terraform/app-env-module.js';
import { knownParses, parseHclFiles } from '../../src/targets/terraform/hcl.js';
import { REPO_ROOT } from '../real-tools.js';

const TEMPLATES = join(REPO_ROOT, 'templates', 'terraform');

function absoluteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? absoluteFiles(join(dir, e.name)) : [join(dir, e.name)]));
}
const filesUnder = (dir: string) => absoluteFiles(dir).map((f) => relative(dir, f)).sort();

const STATIC: Record<string, Readonly<Record<string, string>>> = {
  aws: AWS_BLUEPRINT_FILES,
  azure: AZURE_BLUEPRINT_FILES,
  gcp: GCP_BLUEPRINT_FILES,
  'modules/app-env': APP_ENV_MODULE_FILES,
  'modules/container-app-secrets': SECRETS_MODULE_FILES,
  ...Object.fromEntries(Object.entries(GCP_MODULE_FILES).map(([dir, files]) => [`modules/${dir}`, files])),
};

describe('the Terraform blueprints as the bundles carry them', () => {
  it('every static file under templates/terraform is in a bundle, byte for byte', () => {
    for (const [dir, files] of Object.entries(STATIC)) expect(Object.keys(files).sort(), dir).toEqual(filesUnder(join(TEMPLATES, dir)));
    expect(Object.keys(STATIC).sort()).toEqual(['aws', 'azure', 'gcp', ...readdirSync(join(TEMPLATES, 'modules')).map((m) => `modules/${m}`)].sort());
  });

  it('each build-time parse is what the parser gives at run time for the same text', async () => {
    const parses = [...AWS_PARSES, ...AZURE_PARSES, ...GCP_PARSES, ...APP_ENV_PARSES];
    const tf = Object.values(STATIC).flatMap((files) => Object.values(files));
    expect(parses.length).toBeGreaterThan(30);
    for (const known of parses) {
      expect(tf).toContain(known.text);
      expect(await parse('file.tf', known.text)).toEqual(known.json);
    }
  });

  it('a file whose text differs from the build-time one (a hand edit) is parsed again', async () => {
    const known = knownParses(AWS_PARSES);
    const alb = AWS_BLUEPRINT_FILES['alb.tf'] ?? '';
    const edited = await parseHclFiles(new Map([['ops/infra/aws/alb.tf', `${alb}\nresource "aws_lb" {\n`]]), known);
    expect(edited.get('ops/infra/aws/alb.tf')?.ok).toBe(false);
    const same = await parseHclFiles(new Map([['ops/infra/aws/alb.tf', alb]]), known);
    expect(same.get('ops/infra/aws/alb.tf')).toEqual({ ok: true, json: known.get(alb) });
  });
});
