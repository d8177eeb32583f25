/** `schema answers`: print the answers-file JSON Schema. */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print JSON Schemas')
    .command('answers')
    .description('print the answers-file JSON Schema')
    .action(async () => {
      const { answersJsonSchemaText } = await import('../../contract/json-schema.js');
      process.stdout.write(answersJsonSchemaText());
    });
}
