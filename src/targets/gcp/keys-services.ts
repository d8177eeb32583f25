/**
 * The Google APIs the GCP blueprint uses: the TypeScript mirror of
 * templates/terraform/modules/gcp-services (a unit test holds the two equal). Pure data.
 */

/** The APIs every GCP bundle uses, sorted (the module's default_services). */
export const DEFAULT_PROJECT_SERVICES = [
  'compute.googleapis.com',
  'iam.googleapis.com',
  'redis.googleapis.com',
  'run.googleapis.com',
  'secretmanager.googleapis.com',
  'servicenetworking.googleapis.com',
  'sqladmin.googleapis.com',
  'storage.googleapis.com',
  'vpcaccess.googleapis.com',
] as const;

export const ARTIFACT_REGISTRY_SERVICE = 'artifactregistry.googleapis.com';

/** The APIs a bundle with these answers uses: the default ones, plus Artifact Registry when images are proxied. */
export function requiredProjectServices(proxiedImages: boolean): string[] {
  return [...DEFAULT_PROJECT_SERVICES, ...(proxiedImages ? [ARTIFACT_REGISTRY_SERVICE] : [])].sort();
}

export interface ProjectServicesPlan {
  /** The APIs the bundle uses. */
  required: string[];
  /** project_services (or the required list), sorted and distinct. */
  listed: string[];
  /** What Terraform enables: the listed APIs, or none when enable_project_services is false. */
  enabled: string[];
  /** What the operator enables by hand before the first apply (enable_project_services false). */
  manual: string[];
  /** Required APIs the list lacks (a contract error). */
  missing: string[];
}

export function projectServicesPlan(input: { enable: boolean; services: readonly string[] | undefined; proxiedImages: boolean }): ProjectServicesPlan {
  const required = requiredProjectServices(input.proxiedImages);
  const listed = input.services && input.services.length > 0 ? [...new Set(input.services)].sort() : required;
  return {
    required,
    listed,
    enabled: input.enable ? listed : [],
    manual: input.enable ? [] : listed,
    missing: required.filter((service) => !listed.includes(service)),
  };
}
