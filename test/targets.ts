/** Every target of the registry, loaded once (through its loaders) for tests that use them synchronously. */
import { loadTargets } from '../src/targets/registry.js';

export const TARGETS = await loadTargets();
