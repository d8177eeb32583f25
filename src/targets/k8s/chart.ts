/**
 * The Helm chart's static files: stored under templates/k8s/chart/, imported as text and copied into
 * the bundle byte for byte. They are never passed through Handlebars (their {{ }} are Helm's).
 */
import { file, type PlannedFile } from '../../bundle/plan.js';
import chartYaml from '../../../templates/k8s/chart/Chart.yaml?raw';
import helmignore from '../../../templates/k8s/chart/.helmignore?raw';
import valuesSchemaJson from '../../../templates/k8s/chart/values.schema.json?raw';
import valuesYaml from '../../../templates/k8s/chart/values.yaml?raw';
import chartDefaults from '../../../templates/k8s/chart/values.yaml?yaml-1.1';
import helpers from '../../../templates/k8s/chart/templates/_helpers.tpl?raw';
import notes from '../../../templates/k8s/chart/templates/NOTES.txt?raw';
import apiDeployment from '../../../templates/k8s/chart/templates/api-deployment.yaml?raw';
import apiService from '../../../templates/k8s/chart/templates/api-service.yaml?raw';
import externalSecrets from '../../../templates/k8s/chart/templates/externalsecrets.yaml?raw';
import hpa from '../../../templates/k8s/chart/templates/hpa.yaml?raw';
import ingress from '../../../templates/k8s/chart/templates/ingress.yaml?raw';
import migrationsJob from '../../../templates/k8s/chart/templates/migrations-job.yaml?raw';
import pdb from '../../../templates/k8s/chart/templates/pdb.yaml?raw';
import secrets from '../../../templates/k8s/chart/templates/secrets.yaml?raw';
import serviceAccount from '../../../templates/k8s/chart/templates/serviceaccount.yaml?raw';
import webDeployment from '../../../templates/k8s/chart/templates/web-deployment.yaml?raw';
import webService from '../../../templates/k8s/chart/templates/web-service.yaml?raw';
import workerDeployment from '../../../templates/k8s/chart/templates/worker-deployment.yaml?raw';

export const CHART_DIR = 'ops/charts/starter';
export const CHART_NAME = 'starter';

/** Every file of the chart, by its path inside the chart directory. */
export const CHART_FILES: Readonly<Record<string, string>> = {
  '.helmignore': helmignore,
  'Chart.yaml': chartYaml,
  'values.schema.json': valuesSchemaJson,
  'values.yaml': valuesYaml,
  'templates/NOTES.txt': notes,
  'templates/_helpers.tpl': helpers,
  'templates/api-deployment.yaml': apiDeployment,
  'templates/api-service.yaml': apiService,
  'templates/externalsecrets.yaml': externalSecrets,
  'templates/hpa.yaml': hpa,
  'templates/ingress.yaml': ingress,
  'templates/migrations-job.yaml': migrationsJob,
  'templates/pdb.yaml': pdb,
  'templates/secrets.yaml': secrets,
  'templates/serviceaccount.yaml': serviceAccount,
  'templates/web-deployment.yaml': webDeployment,
  'templates/web-service.yaml': webService,
  'templates/worker-deployment.yaml': workerDeployment,
};

/** The chart's values.schema.json as text (its validator is compiled at build time, see values-schema.ts). */
export const VALUES_SCHEMA_TEXT = valuesSchemaJson;

/** The chart's own defaults (values.yaml), parsed at build time as Helm reads it (YAML 1.1). */
export const CHART_DEFAULTS = chartDefaults as Record<string, unknown>;

export function chartFiles(): PlannedFile[] {
  return Object.entries(CHART_FILES).map(([path, content]) => file(`${CHART_DIR}/${path}`, content));
}
