/**
 * The entry point. `--version` alone, and `--help` alone when stdout is not a terminal, are answered
 * here without loading the command line (commander, chalk, the commands): the version is inlined by
 * the build, and so is the help, as main() prints it to a pipe (scripts/build.mjs runs main() once
 * for it; a terminal gets main() itself, which wraps the help to its width). Everything else goes
 * through main().
 */
import { VERSION } from '../version.js';

/** Replaced by scripts/build.mjs with the help text; still the marker when running from source. */
const PIPED_HELP: string = '@@STARTER_CONSOLE_PIPED_HELP@@';

const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : undefined;
const fast = only === '--version' || only === '-V' ? `${VERSION}\n` : (only === '--help' || only === '-h') && !process.stdout.isTTY && !PIPED_HELP.startsWith('@@') ? PIPED_HELP : undefined;
if (fast !== undefined) {
  process.stdout.on('error', () => undefined); // a closed pipe (`| head -0`) is not an error, as in main()
  process.stdout.write(fast);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
