/** Reading answer sources from the command line: answers files (YAML or JSON) and --var flags. */
import { open, stat } from 'node:fs/promises';
import type { AnswerLayer } from '../contract/resolve.js';
import { INPUT_LIMITS } from '../contract/input-limits.js';
import { readAnswersBytes } from '../contract/read-answers.js';
import { parseVarFlags } from '../contract/vars.js';
import { ContractError, UsageError, type Problem } from '../errors.js';

/** The file's bytes, at most one byte over the limit (a larger file is refused without reading it all). */
async function readBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(INPUT_LIMITS.fileBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0 || length + bytesRead >= buffer.length) return buffer.subarray(0, length + bytesRead);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** Process substitution (`<(sops -d answers.yaml)`) and stdin: pipes that always have a writer. */
const PIPE_PATHS = /^\/(dev\/(fd\/\d+|stdin)|proc\/self\/fd\/\d+)$/;

/** Only a regular file, or a pipe the shell made: a FIFO nobody writes to would hang the run. */
async function checkReadable(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`answers file ${path} cannot be read: permission denied`, 'check the file\'s permissions');
    throw new UsageError(`answers file not found: ${path}`, 'check the --answers-file path');
  }
  if (info.isDirectory()) throw new UsageError(`answers file ${path} is a directory`, 'pass a YAML or JSON file');
  if (!info.isFile() && !PIPE_PATHS.test(path)) {
    throw new UsageError(`answers file ${path} is not a regular file`, 'pass a YAML or JSON file (or process substitution such as <(sops -d answers.yaml))');
  }
}

/** Problems of one file: thrown as a ContractError, each naming the file, line, column and key. */
export async function readAnswersFile(path: string): Promise<AnswerLayer> {
  await checkReadable(path);
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (error) {
    throw new UsageError(`answers file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'check the --answers-file path');
  }
  const read = readAnswersBytes(bytes, path);
  if (!read.ok) throw new ContractError(read.problems);
  return read.layer;
}

/** Layers lowest precedence first: answers files in order, then --preset, then --var. Every file's problems at once. */
export async function answerLayers(options: { answersFile?: string[]; var?: string[]; preset?: string }): Promise<AnswerLayer[]> {
  const layers: AnswerLayer[] = [];
  const problems: Problem[] = [];
  for (const path of options.answersFile ?? []) {
    try {
      layers.push(await readAnswersFile(path));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (options.preset) layers.push({ source: '--preset', values: { preset: options.preset } });
  const vars = parseVarFlags(options.var ?? []);
  problems.push(...vars.problems);
  if (problems.length > 0) throw new ContractError(problems);
  layers.push(vars.layer);
  return layers;
}
