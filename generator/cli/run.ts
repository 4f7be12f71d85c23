import type { Command, CommanderError } from 'commander';
import { isDreamseedError } from '../errors.ts';
import { hasPrintedJson, paint, printJson } from './output.ts';

/**
 * Runs the program and turns every outcome into a meaningful exit code:
 * 0 success, 1 a failure while doing the work, 2 bad usage or bad input.
 * Errors print one clear message (and a hint), never a stack trace, unless
 * DREAMSEED_DEBUG is set; with `--json`, the error is also the one JSON
 * document on stdout (`{ "error": { code, kind, message, hint, data } }`).
 */
export async function runCli(
  program: Command,
  argv: string[],
  errorClass: typeof CommanderError,
): Promise<void> {
  // A reader that stops early (`dreamseed demo list | head -1`) closes the pipe: the output it wanted was
  // written, so the command ends quietly, as Unix tools do, instead of crashing on the next write.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  program.exitOverride();
  program.showSuggestionAfterError(true);
  program.configureOutput({ outputError: () => {} });
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = report(error, errorClass);
    // Asked for JSON, a program reading stdout gets the error as the one document there, with its code.
    if (argv.includes('--json') && process.exitCode !== 0 && !hasPrintedJson())
      printJson({ error: errorDocument(error, errorClass) });
  }
}

/** The JSON form of an error: its catalogue code and kind (null for an unexpected failure), message and hint. */
function errorDocument(error: unknown, errorClass: typeof CommanderError): Record<string, unknown> {
  if (isDreamseedError(error)) return error.toJSON();
  if (error instanceof errorClass) return { code: 'USAGE', kind: 'usage', ...commandLineMistake(error) };
  return { code: null, kind: null, message: error instanceof Error ? error.message : String(error) };
}

function report(error: unknown, errorClass: typeof CommanderError): number {
  if (error instanceof errorClass) {
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return 0;
    const { message, hint } = commandLineMistake(error);
    process.stderr.write(`${paint('red', 'error:')} ${message} (${hint})\n`);
    return 2;
  }
  if (isDreamseedError(error)) {
    process.stderr.write(`${paint('red', 'error:')} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${paint('dim', 'hint:')} ${error.hint}\n`);
    if (process.env.DREAMSEED_DEBUG && error.cause) console.error(error.cause);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${paint('red', 'error:')} unexpected failure: ${message}\n`);
  process.stderr.write(
    `${paint('dim', 'hint:')} set DREAMSEED_DEBUG=1 for the stack trace, and report it if it persists.\n`,
  );
  if (process.env.DREAMSEED_DEBUG) console.error(error);
  return 1;
}

/** commander's own error (an unknown option, a missing argument), in our words. */
function commandLineMistake(error: CommanderError): { message: string; hint: string } {
  return { message: error.message.replace(/^error:\s*/, ''), hint: 'run `dreamseed --help` for usage' };
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
