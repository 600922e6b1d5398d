import type { Command } from 'commander';
import { demoLogins, seedDemo } from '../../app/demo/seed-demo.js';
import { loadConfig } from '../../config.js';
import { openRuntime } from '../../main.js';
import { cliT } from '../i18n.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(cliT('cli.demo.description'))
    .action(async () => {
      const runtime = await openRuntime({ ...loadConfig(), logLevel: 'warn' });
      const result = await seedDemo(runtime.ctx);
      process.stdout.write(`${cliT(result.created ? 'cli.demo.created' : 'cli.demo.exists')}\n${cliT('cli.start.demo_header', { password: result.password })}\n`);
      for (const l of demoLogins) process.stdout.write(`    ${l.email}\n`);
      await runtime.close();
    });
}
