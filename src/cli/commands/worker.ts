import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { startWorker } from '../../jobs/worker.js';
import { openRuntime } from '../../main.js';
import { cliT } from '../i18n.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(cliT('cli.worker.description'))
    .option('-c, --concurrency <n>', cliT('cli.worker.concurrency'), '4')
    .action(async (opts: { concurrency: string }) => {
      const runtime = await openRuntime(loadConfig());
      const worker = await startWorker(runtime.ctx, runtime.database.pool, { concurrency: Math.max(1, Number(opts.concurrency) || 4) });
      runtime.ctx.log.info({ concurrency: opts.concurrency }, 'worker ready');
      const stop = async () => {
        await worker.stop();
        await runtime.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
