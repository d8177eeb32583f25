/**
 * A Prompter that plays a script and fails on anything the script did not expect: a question out of
 * order, a disabled choice, a question after the script ended, or a script left unfinished. Like
 * inquirer, it runs a prompt's validation and asks again (taking the next step, which must be the
 * same question) when the answer is refused; every refusal is recorded.
 */
import { PromptCancelled, type Choice, type ConfirmRequest, type InputRequest, type PasswordRequest, type Prompter, type SelectRequest } from '../../../src/wizard/prompter.js';

/** Press Enter on the prompt's default. */
export const ENTER = Symbol('enter');
/** Ctrl-C at this prompt. */
export const CTRL_C = Symbol('ctrl-c');

export type Answer = string | boolean | typeof ENTER | typeof CTRL_C;
export type Step = readonly [id: string, answer: Answer];

export interface Asked {
  id: string;
  kind: 'select' | 'confirm' | 'input' | 'password';
  message: string;
  default?: string | boolean | undefined;
  choices?: readonly Choice[];
  /** What the prompt's validation said about the answer, when it refused it. */
  error?: string;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  private readonly steps: Step[];

  constructor(steps: readonly Step[]) {
    this.steps = [...steps];
  }

  get remaining(): readonly Step[] {
    return this.steps;
  }

  private take(id: string, kind: Asked['kind']): Exclude<Answer, typeof CTRL_C> {
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected ${kind} question "${id}": the script has ended (asked so far: ${this.asked.map((a) => a.id).join(', ')})`);
    if (step[0] !== id) throw new Error(`expected question "${step[0]}" but the wizard asked "${id}" (${kind}); asked so far: ${this.asked.map((a) => a.id).join(', ')}`);
    const answer = step[1];
    if (answer === CTRL_C) throw new PromptCancelled();
    return answer;
  }

  async select<V extends string>(request: SelectRequest<V>): Promise<V> {
    const answer = this.take(request.id, 'select');
    this.asked.push({ id: request.id, kind: 'select', message: request.message, default: request.default, choices: request.choices });
    const value = answer === ENTER ? (request.default ?? request.choices.find((c) => !c.disabled)?.value) : answer;
    const choice = request.choices.find((c) => c.value === value);
    if (!choice) throw new Error(`"${request.id}": ${String(value)} is not one of the choices ${request.choices.map((c) => c.value).join(', ')}`);
    if (choice.disabled) throw new Error(`"${request.id}": choice ${String(value)} is disabled (${choice.disabled})`);
    return choice.value;
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const answer = this.take(request.id, 'confirm');
    this.asked.push({ id: request.id, kind: 'confirm', message: request.message, default: request.default });
    if (answer === ENTER) return request.default;
    if (typeof answer !== 'boolean') throw new Error(`"${request.id}" is a confirm: script a boolean, not ${String(answer)}`);
    return answer;
  }

  async input(request: InputRequest): Promise<string> {
    return this.text(request, 'input');
  }

  async password(request: PasswordRequest): Promise<string> {
    return this.text(request, 'password');
  }

  private async text(request: InputRequest | PasswordRequest, kind: 'input' | 'password'): Promise<string> {
    for (;;) {
      const answer = this.take(request.id, kind);
      if (typeof answer === 'boolean') throw new Error(`"${request.id}" is an ${kind}: script text, not a boolean`);
      const fallback = 'default' in request ? (request.default ?? '') : '';
      const value = answer === ENTER ? fallback : answer;
      const error = request.validate?.(value);
      this.asked.push({ id: request.id, kind, message: request.message, ...('default' in request ? { default: request.default } : {}), ...(error ? { error } : {}) });
      if (!error) return value;
    }
  }

  /** The script was played to the end. */
  finished(): void {
    if (this.steps.length > 0) throw new Error(`the wizard stopped before these steps: ${this.steps.map((s) => s[0]).join(', ')}`);
  }
}
