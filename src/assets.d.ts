// Text assets (templates, presets) are imported as strings, so the pure core never reads the disk.
declare module '*?raw' {
  const text: string;
  export default text;
}

// Computed at build time (scripts/build-time-modules.mjs): a JSON Schema as an Ajv standalone
// validator, and YAML files already parsed.
declare module '*?validator' {
  import type { ValidateFunction } from 'ajv';
  const validate: ValidateFunction;
  export default validate;
}
declare module '*?yaml' {
  const data: unknown;
  export default data;
}
declare module '*?yaml-1.1' {
  const data: unknown;
  export default data;
}
declare module '*?hcl' {
  import type { KnownParse } from './targets/terraform/hcl.js';
  const parsed: KnownParse;
  export default parsed;
}
