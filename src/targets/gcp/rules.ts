/**
 * Cross-field rules of the GCP target (see src/contract/rules.ts for how rules read the answers):
 * Cloud Run sizes that exist, images Cloud Run can pull, secret references Secret Manager resolves,
 * the services list, and the API host.
 */
import { parseImageRef } from '../../contract/formats.js';
import { asRecord } from '../../contract/records.js';
import type { Problem } from '../../errors.js';
import { projectServicesPlan } from './keys-services.js';

type Answers = Record<string, unknown>;

/** Most memory (MiB) Cloud Run allows per vCPU count, and the least it requires. */
const MEMORY_RANGE: Record<string, { min: number; max: number }> = {
  '1': { min: 128, max: 4096 },
  '2': { min: 128, max: 8192 },
  '4': { min: 2048, max: 16384 },
  '8': { min: 4096, max: 32768 },
};

const mebibytes = (value: string): number | undefined => {
  const match = /^(\d+)(Mi|Gi)$/.exec(value);
  return match ? Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1) : undefined;
};

function cloudRunSizes(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const service of ['api', 'web', 'worker'] as const) {
    if (service === 'worker' && answers.enable_worker !== true) continue;
    const cpu = answers[`${service}_cpu_limit`];
    const memory = answers[`${service}_memory_limit`];
    if (typeof cpu !== 'string' || typeof memory !== 'string') continue;
    const range = MEMORY_RANGE[cpu];
    const mib = mebibytes(memory);
    if (range && mib !== undefined && (mib < range.min || mib > range.max)) {
      problems.push({
        key: `${service}_memory_limit`,
        message: `${memory} does not fit ${service}_cpu_limit ${cpu}: Cloud Run allows ${range.min}Mi to ${range.max / 1024}Gi with ${cpu} vCPU`,
        hint: `set ${service}_memory_limit within that range, or change ${service}_cpu_limit`,
      });
    }
  }
  for (const service of ['api', 'web'] as const) {
    const [min, max] = [answers[`${service}_min_instances`], answers[`${service}_max_instances`]];
    if (typeof min === 'number' && typeof max === 'number' && max < min) {
      problems.push({ key: `${service}_max_instances`, message: `${max} is below ${service}_min_instances ${min}`, hint: `set ${service}_max_instances to at least ${min}` });
    }
  }
  return problems;
}

/** The registry host of an image, or undefined for Docker Hub short names (library/x, org/x). */
export function imageHost(image: string): string | undefined {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : undefined;
}

/** Hosts Cloud Run pulls from directly: Artifact Registry, Container Registry, Docker Hub. */
export function pullableByCloudRun(host: string | undefined): boolean {
  return host === undefined || host === 'docker.io' || host === 'pkg.dev' || host.endsWith('-docker.pkg.dev') || host === 'gcr.io' || host.endsWith('.gcr.io');
}

/** image_registry_upstream, when set (the host whose images go through the remote repository). */
export function proxiedRegistry(answers: Answers): string | undefined {
  return typeof answers.image_registry_upstream === 'string' && answers.image_registry_upstream !== '' ? answers.image_registry_upstream : undefined;
}

function images(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const upstream = proxiedRegistry(answers);
  for (const key of ['api_image', 'web_image', 'worker_image']) {
    const image = answers[key];
    if (typeof image !== 'string' || !parseImageRef(image)) continue;
    if (key === 'worker_image' && (answers.enable_worker !== true || image === answers.api_image)) continue;
    const host = imageHost(image);
    if (pullableByCloudRun(host) || host === upstream) continue;
    // Without a proxy the fix is the proxy's key (so the wizard asks it); with another proxy, the image.
    problems.push(
      upstream === undefined
        ? { key: 'image_registry_upstream', message: `is required: ${key} is on ${host}, which Cloud Run cannot pull from (it pulls from Artifact Registry and Docker Hub)`, hint: `set image_registry_upstream: ${host} (the blueprint proxies it through Artifact Registry), or push the image to Artifact Registry` }
        : { key, message: `is on ${host}, which Cloud Run cannot pull from, and image_registry_upstream proxies ${upstream} only`, hint: `push it to Artifact Registry, or use an image on ${upstream}` },
    );
  }
  if (upstream !== undefined && (answers.image_registry_username === undefined) !== (answers.image_registry_password_secret === undefined)) {
    const missing = answers.image_registry_username === undefined ? 'image_registry_username' : 'image_registry_password_secret';
    problems.push({ key: missing, message: 'is required with the other registry credential: a private upstream needs a user name and a token secret', hint: `set ${missing}, or remove both for public images` });
  }
  if (upstream === undefined) {
    for (const key of ['image_registry_username', 'image_registry_password_secret']) {
      if (answers[key] !== undefined) problems.push({ key, message: 'has no effect without image_registry_upstream', hint: 'set image_registry_upstream (e.g. ghcr.io), or remove it' });
    }
  }
  return problems;
}

const SECRET_REF = /^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/secrets\/)?[A-Za-z0-9_-]{1,255}(\/versions\/(latest|\d+))?$/;

/** A Secret Manager reference as the blueprint accepts it: a name, or projects/<p>/secrets/<name>, with an optional /versions/<n|latest>. */
export function isSecretManagerRef(ref: string): boolean {
  return SECRET_REF.test(ref.trim());
}

function secretReferences(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const mapKey of ['api_secrets', 'web_secrets'] as const) {
    for (const [name, ref] of Object.entries(asRecord(answers[mapKey]))) {
      if (typeof ref === 'string' && !isSecretManagerRef(ref)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: 'must name a Secret Manager secret: a name (letters, digits, _ and -) or projects/<project>/secrets/<name>, optionally with /versions/<n>',
          hint: 'put the value into Secret Manager (gcloud secrets create <name> --data-file=-) and give its name here; Cloud Run injects it',
        });
      }
    }
  }
  return problems;
}

function projectServices(answers: Answers): Problem[] {
  const services = Array.isArray(answers.project_services) ? answers.project_services.filter((s): s is string => typeof s === 'string') : undefined;
  const plan = projectServicesPlan({ enable: answers.enable_project_services !== false, services, proxiedImages: proxiedRegistry(answers) !== undefined });
  if (plan.missing.length === 0) return [];
  return [{
    key: 'project_services',
    message: `replaces the default list and lacks ${plan.missing.join(', ')}, which the blueprint uses`,
    hint: `add ${plan.missing.join(', ')} (or remove project_services for the default list)`,
  }];
}

function apiHost(answers: Answers): Problem[] {
  const [app, api] = [answers.app_public_url, answers.api_public_url];
  if (typeof app !== 'string' || typeof api !== 'string') return [];
  try {
    if (new URL(app).hostname === new URL(api).hostname) {
      return [{ key: 'api_public_url', message: 'must be a different host from app_public_url (the app host serves the web app, the BFF)', hint: 'map a separate domain such as api.example.com to the API service, or remove api_public_url' }];
    }
  } catch {
    return [];
  }
  return [];
}

export function gcpProblems(answers: Answers): Problem[] {
  return [...cloudRunSizes(answers), ...images(answers), ...secretReferences(answers), ...projectServices(answers), ...apiHost(answers)];
}
