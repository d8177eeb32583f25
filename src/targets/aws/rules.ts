/**
 * Cross-field rules of the AWS target (see src/contract/rules.ts for how rules read the answers):
 * HTTPS with a certificate outside dev, the load balancer's hosts, Fargate sizes that exist, secret
 * references that Secrets Manager can resolve, and the state backend.
 */
import { asRecord } from '../../contract/records.js';
import type { Problem } from '../../errors.js';

type Answers = Record<string, unknown>;

/** Memory sizes (MiB) Fargate allows for each CPU size. */
function fargateMemory(cpu: number): readonly number[] {
  const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  switch (cpu) {
    case 256:
      return [512, 1024, 2048];
    case 512:
      return range(1024, 4096, 1024);
    case 1024:
      return range(2048, 8192, 1024);
    case 2048:
      return range(4096, 16384, 1024);
    case 4096:
      return range(8192, 30720, 1024);
    case 8192:
      return range(16384, 61440, 4096);
    case 16384:
      return range(32768, 122880, 8192);
    default:
      return [];
  }
}

function fargateSizes(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const service of ['api', 'web', 'worker'] as const) {
    if (service === 'worker' && answers.enable_worker !== true) continue;
    const cpu = answers[`${service}_cpu`];
    const memory = answers[`${service}_memory`];
    if (typeof cpu !== 'number' || typeof memory !== 'number') continue;
    const allowed = fargateMemory(cpu);
    if (allowed.length > 0 && !allowed.includes(memory)) {
      problems.push({
        key: `${service}_memory`,
        message: `${memory} MiB does not fit ${service}_cpu ${cpu}: Fargate allows ${allowed[0]} to ${allowed[allowed.length - 1]} MiB for it${allowed.length > 3 ? ` in steps of ${allowed[1]! - allowed[0]!}` : ` (${allowed.join(', ')})`}`,
        hint: `set ${service}_memory to ${allowed[0]}, or change ${service}_cpu`,
      });
    }
  }
  return problems;
}

function host(value: unknown): { url: URL } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return { url: new URL(value) };
  } catch {
    return undefined;
  }
}

function loadBalancer(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const https = answers.enable_https !== false;
  if (!https && answers.environment !== 'dev') {
    problems.push({ key: 'enable_https', message: `must be true in ${String(answers.environment)}: the load balancer would serve the app over plain HTTP`, hint: 'set enable_https: true with acm_certificate_arn (plain HTTP is for dev only)' });
  }
  if (https && answers.acm_certificate_arn === undefined) {
    problems.push({ key: 'acm_certificate_arn', message: 'is required with enable_https: the HTTPS listener needs a certificate', hint: 'request one in ACM for the app host (and the API host), e.g. `aws acm request-certificate --domain-name app.example.com --validation-method DNS`' });
  }
  if (!https && answers.acm_certificate_arn !== undefined) {
    problems.push({ key: 'acm_certificate_arn', message: 'has no effect with enable_https: false', hint: 'remove it, or set enable_https: true' });
  }
  const app = host(answers.app_public_url);
  const api = host(answers.api_public_url);
  for (const [key, site] of [['app_public_url', app], ['api_public_url', api]] as const) {
    if (!site) continue;
    const scheme = https ? 'https:' : 'http:';
    const reportedByShared = key === 'app_public_url' && answers.environment !== 'dev' && site.url.protocol === 'http:';
    if (site.url.protocol !== scheme && !reportedByShared) {
      problems.push({ key, message: `must use ${scheme.slice(0, -1)}: the load balancer serves ${https ? 'HTTPS (enable_https: true)' : 'plain HTTP (enable_https: false)'}`, hint: `use ${scheme}//${site.url.host}` });
    }
    if (site.url.port !== '' || site.url.pathname !== '/') {
      problems.push({ key, message: 'must be an origin without a port or path: the load balancer listens on 443 (and 80) and routes by host', hint: `use ${site.url.protocol}//${site.url.hostname}` });
    }
  }
  if (app && api && app.url.hostname === api.url.hostname) {
    problems.push({ key: 'api_public_url', message: 'must be a different host from app_public_url (the app host routes every path, /api included, to the web app)', hint: 'use a separate host such as api.example.com, or remove api_public_url' });
  }
  return problems;
}

/** A Secrets Manager secret by ARN, or by name (what ECS `secrets` and the IAM policy accept). */
export const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

function secretReferences(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const mapKey of ['api_secrets', 'web_secrets'] as const) {
    for (const [name, ref] of Object.entries(asRecord(answers[mapKey]))) {
      if (typeof ref !== 'string') continue;
      if (ref.startsWith('arn:') ? !SECRET_ARN.test(ref) : !SECRET_NAME.test(ref)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: 'must name a Secrets Manager secret: an ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or a name of letters, digits and /_+=.@-',
          hint: 'put the value into Secrets Manager and give its name or ARN here; the task definition injects it',
        });
      }
    }
  }
  return problems;
}

function stateBackend(answers: Answers): Problem[] {
  if (answers.tf_state_bucket !== undefined) return [];
  return ['tf_state_key', 'tf_state_region']
    .filter((key) => answers[key] !== undefined)
    .map((key) => ({ key, message: 'has no effect without tf_state_bucket', hint: 'set tf_state_bucket (the S3 bucket of the state), or remove it' }));
}

function multipleWorkers(answers: Answers): Problem[] {
  const workers = answers.worker_desired_count;
  if (answers.enable_worker === true && typeof workers === 'number' && workers > 1) {
    return [{ key: 'worker_desired_count', message: 'must be 1: the dedicated worker retries and replays billing events, and two would do it twice', hint: 'set worker_desired_count: 1' }];
  }
  return [];
}

export function awsProblems(answers: Answers): Problem[] {
  return [...loadBalancer(answers), ...fargateSizes(answers), ...secretReferences(answers), ...stateBackend(answers), ...multipleWorkers(answers)];
}
