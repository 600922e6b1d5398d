import type { Command } from 'commander';
import { demoExists, demoLogins, seedDemo } from '../../app/demo/seed-demo.js';
import { loadConfig } from '../../config.js';
import { openRuntime, startServer } from '../../main.js';
import { cliT } from '../i18n.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(cliT('cli.start.description'))
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config);
      const { ctx } = runtime;
      // Demo: always when REMPART_DEMO=1; never when 0; else only on a brand-new embedded database.
      const orgCount = Number((await ctx.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const wantDemo = config.demo ?? (runtime.database.kind === 'embedded' && orgCount === 0);
      let demo: { password: string } | undefined;
      if (wantDemo) demo = await seedDemo(ctx);
      else if (config.demo !== false && (await demoExists(ctx))) demo = await seedDemo(ctx);

      const app = await startServer(runtime);
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        ctx.log.info({ signal }, 'shutting down');
        await app.close().catch(() => undefined);
        await runtime.close().catch((e: Error) => ctx.log.error({ err: e }, 'close failed'));
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));

      const lines = [
        '',
        cliT('cli.start.ready', { url: config.publicUrl, db: runtime.database.kind === 'embedded' ? cliT('cli.start.db_embedded') : cliT('cli.start.db_server') }),
      ];
      if (demo) {
        lines.push(cliT('cli.start.demo_header', { password: demo.password }));
        for (const l of demoLogins) lines.push(`    ${l.email.padEnd(24)} ${l.title}`);
      }
      lines.push('');
      process.stdout.write(`${lines.join('\n')}\n`);
      ctx.log.info({ url: config.publicUrl, listen: `${config.host}:${config.port}` }, 'Rempart ready');
    });
}
