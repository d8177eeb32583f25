/** Drive the wizard's walk and review with a scripted prompter, in memory. */
import type { AnswerLayer } from '../../../src/contract/resolve.js';
import { plainStyle, type WizardIO } from '../../../src/wizard/prompter.js';
import { questionsFor } from '../../../src/wizard/questions.js';
import { contextFromLayers } from '../../../src/wizard/session.js';
import { emptyState, wizardAnswers, type Answers, type WizardState } from '../../../src/wizard/state.js';
import { review, walk } from '../../../src/wizard/walk.js';
import { ScriptedPrompter, type Step } from './scripted-prompter.js';

export interface Harness {
  prompter: ScriptedPrompter;
  io: WizardIO;
  lines: string[];
  state: WizardState;
  /** The layers generate would get: the flags' layers, then the wizard's. */
  layers: AnswerLayer[];
  /** Ids of the questions asked, in order (a refused answer and its retry both appear). */
  ids: string[];
}

export async function runScript(steps: readonly Step[], options: { layers?: AnswerLayer[]; previous?: Answers; includeSecrets?: boolean; state?: WizardState } = {}): Promise<Harness> {
  const prompter = new ScriptedPrompter(steps);
  const lines: string[] = [];
  const io: WizardIO = { prompter, say: (line) => lines.push(line), style: plainStyle };
  const flagLayers = options.layers ?? [];
  const ctx = contextFromLayers(flagLayers, options.previous ?? {}, options.includeSecrets ?? false);
  const state = options.state ?? emptyState();
  await walk(io, ctx, state);
  await review(io, ctx, state);
  prompter.finished();
  const hidden = questionsFor(ctx, state).filter((q) => q.hidden).map((q) => q.key);
  const layers = [...flagLayers, { source: 'the wizard', values: wizardAnswers(ctx, state, hidden) }];
  return { prompter, io, lines, state, layers, ids: prompter.asked.map((a) => a.id) };
}
