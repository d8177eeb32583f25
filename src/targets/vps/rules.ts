/**
 * Cross-field rules of the single-server target (see src/contract/rules.ts for how rules read the
 * answers): its images pinned in prod, the optional API host public over https and apart from the
 * app host, no ports in the site URLs (Caddy serves 80 and 443), the local MinIO's endpoint.
 */
import { plainHttpUrls, unpinnedImages } from '../../contract/rules.js';
import type { Problem } from '../../errors.js';

type Answers = Record<string, unknown>;

function distinctHosts(answers: Answers): Problem[] {
  const app = answers.app_public_url;
  const api = answers.api_public_url;
  if (typeof app !== 'string' || typeof api !== 'string') return [];
  try {
    if (new URL(app).host === new URL(api).host) {
      return [
        {
          key: 'api_public_url',
          message: 'must be a different host from app_public_url (the app host routes /api to the web app)',
          hint: 'use a separate host such as api.example.com, or remove api_public_url',
        },
      ];
    }
  } catch {
    /* reported by the URL schema */
  }
  return [];
}

function singleServer(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['app_public_url', 'api_public_url']) {
    const value = answers[key];
    if (typeof value !== 'string') continue;
    try {
      if (new URL(value).port !== '') {
        problems.push({ key, message: 'must not name a port: Caddy serves the site on 80 and 443', hint: `use ${new URL(value).origin.replace(/:\d+$/, '')}` });
      }
    } catch {
      /* reported by the URL schema */
    }
  }
  if (answers.storage_provider === 'minio' && answers.minio_endpoint !== undefined) {
    problems.push({ key: 'minio_endpoint', message: 'is set by the vps target: the API reaches the local MinIO at http://minio:9000', hint: 'remove minio_endpoint (to use a MinIO elsewhere, pick storage_provider s3 with api_env.S3_ENDPOINT_URL)' });
  }
  return problems;
}

export function vpsProblems(answers: Answers): Problem[] {
  return [
    ...unpinnedImages(answers, ['caddy_image', 'postgres_image', 'redis_image', 'minio_image']),
    ...plainHttpUrls(answers, ['api_public_url']),
    ...distinctHosts(answers),
    ...singleServer(answers),
  ];
}
