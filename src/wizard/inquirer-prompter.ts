/**
 * The Prompter on a real terminal, with @inquirer/prompts. This is the only module that imports it,
 * and it does so on the first prompt actually shown (loading it costs ~100 ms). Ctrl-C at a prompt
 * (inquirer's ExitPromptError) becomes PromptCancelled.
 */
import { PromptCancelled, type Prompter, type Validate } from './prompter.js';

type Inquirer = typeof import('@inquirer/prompts');

export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const toInquirer = (validate: Validate | undefined) => (validate ? (value: string) => validate(value) ?? true : undefined);

export function createInquirerPrompter(context: PromptContext = {}): Prompter {
  let loaded: Promise<Inquirer> | undefined;
  const run = async <T>(ask: (inquirer: Inquirer) => Promise<T>): Promise<T> => {
    const inquirer = await (loaded ??= import('@inquirer/prompts'));
    try {
      return await ask(inquirer);
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new PromptCancelled();
      throw error;
    }
  };
  return {
    select: (request) =>
      run((inquirer) =>
        inquirer.select(
          {
            message: request.message,
            choices: request.choices.map((c) => ({
              value: c.value,
              name: c.name,
              ...(c.description ? { description: c.description } : {}),
              ...(c.disabled ? { disabled: `(${c.disabled})` } : {}),
            })),
            // Without a default inquirer puts the cursor on the first choice even when it is disabled.
            default: request.default ?? request.choices.find((c) => !c.disabled)?.value,
            pageSize: 12,
          },
          context,
        ),
      ),
    confirm: (request) => run((inquirer) => inquirer.confirm({ message: request.message, default: request.default }, context)),
    input: (request) =>
      run((inquirer) =>
        inquirer.input(
          {
            message: request.message,
            ...(request.default !== undefined && request.default !== '' ? { default: request.default } : {}),
            ...(request.validate ? { validate: toInquirer(request.validate) } : {}),
          },
          context,
        ),
      ),
    password: (request) =>
      run((inquirer) =>
        inquirer.password({ message: request.message, mask: true, ...(request.validate ? { validate: toInquirer(request.validate) } : {}) }, context),
      ),
  };
}
