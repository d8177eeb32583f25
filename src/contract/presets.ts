/**
 * Presets are data files under presets/: a target and its defaults. They are imported as text so the
 * core never reads the disk, and each is checked against the contract by a test.
 */
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { TARGET_IDS, type TargetId } from './literals.js';
import k8sYaml from '../../presets/k8s.yaml?raw';
import otherYaml from '../../presets/other.yaml?raw';
import vpsYaml from '../../presets/vps.yaml?raw';

const presetSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    target: z.enum(TARGET_IDS),
    title: z.string().min(1),
    description: z.string().min(1),
    defaults: z.record(z.string(), z.unknown()),
  })
  .strict();

export interface Preset {
  name: string;
  target: TargetId;
  title: string;
  description: string;
  defaults: Record<string, unknown>;
}

function load(text: string, file: string): Preset {
  const result = presetSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`internal: preset ${file} is malformed: ${result.error.message}`);
  return result.data;
}

export const PRESETS: readonly Preset[] = [load(vpsYaml, 'presets/vps.yaml'), load(k8sYaml, 'presets/k8s.yaml'), load(otherYaml, 'presets/other.yaml')];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}

/** A preset as text for `presets show`. */
export function presetText(preset: Preset): string {
  const defaults = stringify(preset.defaults).replace(/^(?=.)/gm, '  ');
  return `${preset.name}: ${preset.title}\ntarget: ${preset.target}\n\n${preset.description}\n\ndefaults:\n${defaults}`;
}
