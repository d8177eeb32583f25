/**
 * The one way the wizard asks anything. The terminal implementation is inquirer-prompter.ts (the
 * only module that loads @inquirer/prompts); tests pass a scripted prompter instead. Every request
 * carries a stable `id` (the contract key, `api_secrets.add`, `review`, ...) so a script can say
 * which question it expects.
 */

/** Returns a message when the typed text is not acceptable (shown under the prompt, asked again). */
export type Validate = (value: string) => string | undefined;

export interface Choice<V extends string = string> {
  value: V;
  name: string;
  description?: string;
  /** Why this choice cannot be taken now (shown beside it); absent when it can. */
  disabled?: string;
}

export interface SelectRequest<V extends string = string> {
  id: string;
  message: string;
  choices: readonly Choice<V>[];
  default?: V;
}

export interface ConfirmRequest {
  id: string;
  message: string;
  default: boolean;
}

export interface InputRequest {
  id: string;
  message: string;
  default?: string;
  validate?: Validate;
}

export interface PasswordRequest {
  id: string;
  message: string;
  validate?: Validate;
}

export interface Prompter {
  select<V extends string>(request: SelectRequest<V>): Promise<V>;
  confirm(request: ConfirmRequest): Promise<boolean>;
  input(request: InputRequest): Promise<string>;
  /** Masked: what is typed is never echoed. */
  password(request: PasswordRequest): Promise<string>;
}

/** The user ended the prompt (Ctrl-C). */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at a prompt');
    this.name = 'PromptCancelled';
  }
}

/** How the wizard talks besides prompts: lines of help, problems and the summary. */
export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export interface WizardIO {
  prompter: Prompter;
  say(line: string): void;
  style: Style;
}

export const plainStyle: Style = {
  dim: (t) => t,
  bold: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  cyan: (t) => t,
};
