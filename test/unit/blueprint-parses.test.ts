import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import { APP_ENV_MODULE_FILES, AWS_BLUEPRINT_FILES, blueprintParses } from '../../src/targets/aws/blueprint.js';
import { INFRA_DIR, MODULE_DIR } from '../../src/targets/aws/view.js';
import { parseHclFiles } from '../../src/targets/terraform/hcl.js';
import { REPO_ROOT } from '../real-tools.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the aws blueprint as the bundle carries it', () => {
  it('lists every static file of templates/terraform/aws and of the app-env module', () => {
    const root = join(REPO_ROOT, 'templates', 'terraform');
    expect(Object.keys(AWS_BLUEPRINT_FILES).sort()).toEqual(filesUnder(join(root, 'aws')).map((f) => relative(join(root, 'aws'), f)).sort());
    expect(Object.keys(APP_ENV_MODULE_FILES).sort()).toEqual(filesUnder(join(root, 'modules', 'app-env')).map((f) => relative(join(root, 'modules', 'app-env'), f)).sort());
  });

  it('its build-time parses are what the parser gives at run time for the same text', async () => {
    const parses = blueprintParses(INFRA_DIR, MODULE_DIR);
    expect(parses.size).toBe(Object.keys(AWS_BLUEPRINT_FILES).length + Object.keys(APP_ENV_MODULE_FILES).length);
    for (const [path, known] of parses) expect(await parse(path, known.text), path).toEqual(known.json);
  });

  it('a file whose text differs from the build-time one (a hand edit) is parsed again', async () => {
    const parses = blueprintParses(INFRA_DIR, MODULE_DIR);
    const path = `${INFRA_DIR}/alb.tf`;
    const edited = `${parses.get(path)?.text ?? ''}\nresource "aws_lb" {\n`;
    const result = await parseHclFiles(new Map([[path, edited]]), parses);
    expect(result.get(path)?.ok).toBe(false);
    const same = await parseHclFiles(new Map([[path, parses.get(path)?.text ?? '']]), parses);
    expect(same.get(path)).toEqual({ ok: true, json: parses.get(path)?.json });
  });
});
