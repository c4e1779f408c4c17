#!/usr/bin/env node
// The `compiler` command: argument handling only; the work is in the API.
import { CompilerError, formatDiagnostic } from '../api/errors';
import { buildCommand } from './build';
import { cacheCommand } from './cache';
import { minifyCommand } from './minify';
import { transformCommand } from './transform';
import { HELP, UsageError } from './usage';

const commands: Record<string, (argv: string[], cwd: string) => Promise<number>> = {
  transform: transformCommand,
  minify: minifyCommand,
  build: buildCommand,
  cache: cacheCommand,
};

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(rest, cwd);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`compiler: ${(err as Error).message}\nRun \`compiler --help\` for the commands and options.\n`);
      return 2;
    }
    if (err instanceof CompilerError) {
      for (const e of err.errors) process.stderr.write(`${formatDiagnostic(e)}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`compiler: internal error: ${err?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
