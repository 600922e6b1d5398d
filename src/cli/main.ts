// `rempart` command line: thin over src/app use cases. Help and messages in French by default,
// in English when REMPART_LANG=en (or LANG=en_*).
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { registerDemo } from './commands/demo.js';
import { registerMigrate } from './commands/migrate.js';
import { registerStart } from './commands/start.js';
import { registerVerify } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';
import { cliCommands } from './commands/index.js';
import { cliT } from './i18n.js';

const program = new Command('rempart')
  .description(cliT('cli.description'))
  .helpOption('-h, --help', cliT('cli.help'))
  .helpCommand('help [command]', cliT('cli.help'))
  .exitOverride();

registerStart(program);
registerMigrate(program);
registerDemo(program);
registerVerify(program);
registerWorker(program);
for (const register of cliCommands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${cliT('cli.error', { message: (error as Error).message })}\n`);
  process.exit(1);
}
