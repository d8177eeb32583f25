/** `schema answers`: print the answers-file JSON Schema. */
import type { Command } from 'commander';
import { answersJsonSchemaText } from '../../contract/json-schema.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print JSON Schemas')
    .command('answers')
    .description('print the answers-file JSON Schema')
    .action(() => {
      process.stdout.write(answersJsonSchemaText());
    });
}
