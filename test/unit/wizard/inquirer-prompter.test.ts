/**
 * The terminal prompter rendered for real with @inquirer/testing: a refused answer shows the
 * wizard's message inline and the prompt stays; a secret is masked on screen; a choice the contract
 * refuses is shown disabled with its reason; Ctrl-C becomes PromptCancelled.
 */
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { createInquirerPrompter, type PromptContext } from '../../../src/wizard/inquirer-prompter.js';
import { PromptCancelled, type InputRequest, type PasswordRequest, type SelectRequest } from '../../../src/wizard/prompter.js';

const input = (request: InputRequest, context?: PromptContext) => createInquirerPrompter(context).input(request);
const password = (request: PasswordRequest, context?: PromptContext) => createInquirerPrompter(context).password(request);
const select = (request: SelectRequest, context?: PromptContext) => createInquirerPrompter(context).select(request);

/** Renders until the screen shows `text` (the adapter loads inquirer on first use), at most ~5 s. */
async function until(screen: { getScreen: () => string; nextRender: () => Promise<void> }, text: string): Promise<void> {
  for (let i = 0; i < 50 && !screen.getScreen().includes(text); i++) {
    await Promise.race([screen.nextRender(), new Promise((r) => setTimeout(r, 100))]);
  }
  expect(screen.getScreen()).toContain(text);
}

describe('inquirer prompter', () => {
  it('input: a refused answer shows the message and the prompt stays until the answer is valid', async () => {
    const screen = await render(input, {
      id: 'project_name',
      message: 'Project name',
      validate: (v: string) => (/^[a-z][a-z0-9-]+$/.test(v) ? undefined : 'use lower-case letters, digits and -'),
    });
    await until(screen, 'Project name');
    const { answer, events, getScreen, nextRender, getFullOutput } = screen;
    events.type('Acme SaaS');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('use lower-case letters, digits and -');
    for (let i = 0; i < 'Acme SaaS'.length; i++) events.keypress('backspace');
    events.type('acme-saas');
    events.keypress('enter');
    await expect(answer).resolves.toBe('acme-saas');
  });

  it('input: Enter takes the default', async () => {
    const screen = await render(input, { id: 'api_base_url', message: 'API base URL', default: 'http://api:8000' });
    await until(screen, 'API base URL');
    const { answer, events, getScreen, nextRender, getFullOutput } = screen;
    expect(getScreen()).toContain('http://api:8000');
    events.keypress('enter');
    await expect(answer).resolves.toBe('http://api:8000');
  });

  it('password: what is typed never reaches the screen', async () => {
    const secret = 'SENTINELscreen42';
    const screen = await render(password, { id: 'api_secrets.DATABASE_URL', message: 'DATABASE_URL (hidden)' });
    await until(screen, 'DATABASE_URL');
    const { answer, events, getScreen, nextRender, getFullOutput } = screen;
    events.type(secret);
    events.keypress('enter');
    await expect(answer).resolves.toBe(secret);
    const everything = await getFullOutput({ raw: true });
    expect(everything).not.toContain(secret);
    expect(everything).toContain('*'.repeat(secret.length));
  });

  it('select: a refused choice is shown disabled with the reason and cannot be taken', async () => {
    const screen = await render(select, {
      id: 'auth_key_storage_backend',
      message: 'Auth key storage backend',
      choices: [
        { value: 'file', name: 'file', disabled: 'file key storage is only allowed in dev, not prod' },
        { value: 'secret-manager', name: 'secret-manager' },
      ],
      default: 'secret-manager',
    });
    await until(screen, 'Auth key storage backend');
    const { answer, events, getScreen, nextRender, getFullOutput } = screen;
    expect(getScreen()).toContain('file (file key storage is only allowed in dev, not prod)');
    events.keypress('up');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('This option is disabled and cannot be selected.');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('secret-manager');
  });

  it('Ctrl-C at a prompt becomes PromptCancelled', async () => {
    const screen = await render(input, { id: 'project_name', message: 'Project name' });
    await until(screen, 'Project name');
    const { answer, events, getScreen, nextRender, getFullOutput } = screen;
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
  });
});
