/**
 * A real pseudo-terminal for end-to-end tests: the built CLI runs in a tmux pane on a private
 * socket (never the user's tmux), keys go in with send-keys, the screen comes back with
 * capture-pane. Every wait is bounded and polls the screen; a timeout shows the screen.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BIN } from './helpers.js';

const run = promisify(execFile);

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

export interface TtyOptions {
  tmux: string;
  /** Path of the private tmux socket. */
  socket: string;
  cwd: string;
  env: Record<string, string>;
}

export class Tty {
  private constructor(private readonly options: TtyOptions) {}

  /** Start the CLI with `args` in a new pane; the pane stays after it exits and shows `[exit N]`. */
  static async start(options: TtyOptions, args: readonly string[], redirect: { stdout?: string } = {}): Promise<Tty> {
    const tty = new Tty(options);
    const exports = Object.entries(options.env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
    const to = redirect.stdout ? ` > ${quote(redirect.stdout)}` : '';
    const command = `cd ${quote(options.cwd)} && env ${exports} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}${to}; echo "[exit $?]"; sleep 3600`;
    await tty.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', '160', '-y', '50', 'sh', '-c', command);
    await tty.tmux('set-option', '-t', 'main', 'history-limit', '20000');
    return tty;
  }

  private async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run(this.options.tmux, ['-S', this.options.socket, ...args], { env: { ...process.env, ...this.options.env } });
    return stdout;
  }

  /** Everything the pane has shown, wrapped lines joined. */
  async screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'main', '-S', '-');
  }

  /** Type text literally. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', '-l', '--', text);
  }

  /** Press keys by tmux name: Enter, Down, C-c, C-u, ... */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.tmux('send-keys', '-t', 'main', key);
  }

  /** Wait until `text` has appeared `count` times on the screen (scrollback included). */
  async waitFor(text: string | RegExp, count = 1, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (count <= 0) return screen;
      const seen = typeof text === 'string' ? screen.split(text).length - 1 : (screen.match(new RegExp(text.source, `${text.flags.replace('g', '')}g`)) ?? []).length;
      if (seen >= count) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)} (x${count}); the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Wait for the `count`-th time a question is asked (inquirer shows the active question as `? ...`
   * and an answered one as `✔ ...`), then answer it: text typed literally (if any), then Enter.
   */
  async answer(question: string, text?: string, count = 1): Promise<void> {
    await this.waitFor(question.replace(/^\? /, '✔ '), count - 1);
    await this.waitFor(question);
    if (text !== undefined) await this.type(text);
    await this.press('Enter');
  }

  /** The exit code the pane printed, waiting for it. */
  async exitCode(timeoutMs = 60_000): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/, 1, timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(screen)?.[1]);
  }

  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}
