/** The contract reference (docs/contract.md), generated from the fields so it cannot drift. */
import { ALIASES } from './aliases.js';
import type { ContractSpec } from './contract-spec.js';
import type { FieldSpec } from './fields.js';
import { TARGET_IDS } from './literals.js';
import { PRESETS } from './presets.js';

const cell = (text: string) => text.replaceAll('|', '\\|');

export function contractReference(contract: ContractSpec): string {
  const lines = [
    '# Contract reference',
    '',
    'Generated from `src/contract/fields.ts`; do not edit (a test fails when this file is stale; regenerate with',
    '`UPDATE_GOLDEN=1 npx vitest run test/unit/docs.test.ts`).',
    '',
    '| key | targets | required by | default | meaning |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const key of contract.fieldKeys) {
    const spec = contract.fields[key] as FieldSpec;
    const targets = spec.targets === 'all' ? 'all' : spec.targets.join(', ');
    const requiredBy = TARGET_IDS.filter((t) => contract.targets[t].required.includes(key));
    const defaults = TARGET_IDS.map((t) => [t, contract.targets[t].defaults[key]] as const).filter(([, v]) => v !== undefined);
    const defaultText = defaults.length === 0 ? '' : [...new Set(defaults.map(([, v]) => JSON.stringify(v)))].map((v) => `\`${v}\``).join(', ');
    lines.push(`| \`${key}\` | ${targets} | ${requiredBy.join(', ') || '—'} | ${cell(defaultText)} | ${cell(spec.description)}${spec.advanced ? ' (advanced)' : ''} |`);
  }
  lines.push('', '## Presets', '', '| preset | target | defaults |', '| --- | --- | --- |');
  for (const preset of PRESETS) {
    const defaults = Object.entries(preset.defaults).map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``).join(', ');
    lines.push(`| \`${preset.name}\` | ${preset.target} | ${cell(defaults)} |`);
  }
  lines.push('', '## Accepted upper-case aliases', '', 'From the reference console\'s answers files: ' + Object.keys(ALIASES).sort().map((a) => `\`${a}\``).join(', ') + '.', '');
  return lines.join('\n');
}
