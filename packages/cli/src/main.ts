import { Command, CommanderError } from 'commander';
import { UsageError } from './io.js';
import { COMMANDS } from './commands/index.js';

export function makeProgram(): Command {
  const program = new Command('plansight')
    .description('Plansight: who does what, what depends on what, and how far along, from markdown plans')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program);
  return program;
}

/** A reader that closed the pipe early (`plansight report | head`) is not an error: stop quietly. */
let pipeGuarded = false;
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
      throw e;
    });
  }
}

export async function run(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  const program = makeProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`plansight: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`plansight: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
