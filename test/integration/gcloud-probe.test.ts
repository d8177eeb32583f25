/**
 * The real gcloud CLI without credentials (a fresh CLOUDSDK_CONFIG): the GCP probe falls back to
 * `gcloud auth print-access-token`, and its failure becomes one sentence with the fix. Runs where
 * gcloud is installed; elsewhere it is a visible SKIP (gcloud is optional, not a tool the checks use).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeGcpSecret } from '../../src/secrets/probes/gcp.js';
import { tool } from '../real-tools.js';

const gcloud = tool('gcloud');

describe.skipIf(!gcloud)(`gcloud without credentials${gcloud ? '' : ' (SKIP: gcloud not found)'}`, () => {
  it('the probe reports gcloud\'s own reason and how to log in, without a stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gcloud-home-'));
    const env = { PATH: process.env.PATH, HOME: home, CLOUDSDK_CONFIG: join(home, 'gcloud') };
    const outcome = await probeGcpSecret('projects/acme-prod/secrets/auth-signing-secret/versions/latest', { env, timeoutMs: 5_000 });
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(/^gcloud has no usable credentials \(.*(active account|credentialed accounts).*\)$/);
    expect(outcome.ok ? '' : outcome.fix).toContain('gcloud auth application-default login');
    expect(outcome.detail).not.toMatch(/Traceback|at .*\(/);
  }, 60_000);
});
