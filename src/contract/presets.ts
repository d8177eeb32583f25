/**
 * Presets are data files under presets/: a target and its defaults. They are parsed at build time
 * (`?yaml`, scripts/build-time-modules.mjs) so the core never reads the disk and no run parses
 * them again; their shape is checked here and each is checked against the contract by a test.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { TARGET_IDS, type TargetId } from './literals.js';
import awsPreset from '../../presets/aws.yaml?yaml';
import azurePreset from '../../presets/azure.yaml?yaml';
import gcpPreset from '../../presets/gcp.yaml?yaml';
import k8sPreset from '../../presets/k8s.yaml?yaml';
import otherPreset from '../../presets/other.yaml?yaml';
import vpsPreset from '../../presets/vps.yaml?yaml';

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

function load(data: unknown, file: string): Preset {
  const result = presetSchema.safeParse(data);
  if (!result.success) throw new Error(`internal: preset ${file} is malformed: ${result.error.message}`);
  return result.data;
}

export const PRESETS: readonly Preset[] = [load(vpsPreset, 'presets/vps.yaml'), load(k8sPreset, 'presets/k8s.yaml'), load(otherPreset, 'presets/other.yaml'), load(awsPreset, 'presets/aws.yaml'), load(azurePreset, 'presets/azure.yaml'), load(gcpPreset, 'presets/gcp.yaml')];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((preset) => preset.name === name);
}

/** A preset as text for `presets show`. */
export function presetText(preset: Preset): string {
  const defaults = stringify(preset.defaults).replace(/^(?=.)/gm, '  ');
  return `${preset.name}: ${preset.title}\ntarget: ${preset.target}\n\n${preset.description}\n\ndefaults:\n${defaults}`;
}
