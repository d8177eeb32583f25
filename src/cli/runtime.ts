/** What commands get from main: the output, the exit code setter and the cancellation hooks. */
import type { Output } from './output.js';

export interface Runtime {
  output: Output;
  setExitCode(code: number): void;
  critical<T>(work: () => Promise<T>): Promise<T>;
  onCancel(cleanup: () => Promise<void>): void;
}
