/** Reading answer sources from the command line: answers files (YAML or JSON) and --var flags. */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { AnswerLayer } from '../contract/resolve.js';
import { parseVarFlags } from '../contract/vars.js';
import { ContractError, UsageError, type Problem } from '../errors.js';

export async function readAnswersFile(path: string): Promise<AnswerLayer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`answers file not found: ${path}`, 'check the --answers-file path');
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new UsageError(`${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${path} must hold a mapping of keys to values`);
  return { source: path, values: data as Record<string, unknown> };
}

/** Layers lowest precedence first: answers files in order, then --preset, then --var. */
export async function answerLayers(options: { answersFile?: string[]; var?: string[]; preset?: string }): Promise<AnswerLayer[]> {
  const layers: AnswerLayer[] = [];
  for (const path of options.answersFile ?? []) layers.push(await readAnswersFile(path));
  if (options.preset) layers.push({ source: '--preset', values: { preset: options.preset } });
  const vars = parseVarFlags(options.var ?? []);
  const problems: Problem[] = vars.problems;
  if (problems.length > 0) throw new ContractError(problems);
  layers.push(vars.layer);
  return layers;
}
