import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openRuntime } from '../../main.js';
import { cliT } from '../i18n.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(cliT('cli.migrate.description'))
    .action(async () => {
      // openRuntime runs the migrations; we only report.
      const runtime = await openRuntime({ ...loadConfig(), logLevel: 'warn' });
      const current = await runtime.ctx.db.selectFrom('schema_migrations').select('version').orderBy('version', 'desc').executeTakeFirst();
      process.stdout.write(`${cliT('cli.migrate.done', { version: current?.version ?? '-' })}\n`);
      await runtime.close();
    });
}
