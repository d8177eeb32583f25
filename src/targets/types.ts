/** A deployment target: turns a valid contract into files and declares the checks that prove them. */
import type { PlannedFile } from '../bundle/plan.js';
import type { EmbeddedCheck, ToolCheck } from '../checks/types.js';
import type { Contract } from '../contract/contract.js';
import type { ServiceEnv } from '../contract/env.js';
import type { TargetId } from '../contract/literals.js';

export interface RenderOptions {
  /** Write secret values into 0600 files instead of only listing the keys. */
  includeSecrets: boolean;
}

export interface Target {
  id: TargetId;
  title: string;
  /** The environment each service gets from this target (with where each value comes from). */
  env(contract: Contract): ServiceEnv;
  /** Every file of the target, parsed back where the format allows. */
  plan(contract: Contract, options: RenderOptions): PlannedFile[];
  embeddedChecks(contract: Contract): EmbeddedCheck[];
  toolChecks(contract: Contract): ToolCheck[];
  /**
   * True when api_secrets/web_secrets hold references (keys in a secret store), not secret values:
   * the answers file then keeps them, so it reproduces the bundle. Default: values (redacted).
   */
  secretsAreReferences?(contract: Contract): boolean;
}
