import type { Target } from '../types.js';
import { vpsEmbeddedChecks, vpsToolChecks } from './checks.js';
import { vpsFiles } from './files.js';
import { vpsEnv } from './view.js';

export const vpsTarget: Target = {
  id: 'vps',
  title: 'Single server (docker compose + Caddy)',
  env: vpsEnv,
  plan: vpsFiles,
  embeddedChecks: vpsEmbeddedChecks,
  toolChecks: vpsToolChecks,
};
