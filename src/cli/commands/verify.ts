import type { Command } from 'commander';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { loadConfig } from '../../config.js';
import { openRuntime } from '../../main.js';
import { cliT } from '../i18n.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(cliT('cli.verify.description'))
    .option('--json', cliT('cli.option.json'))
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime({ ...loadConfig(), logLevel: 'warn' });
      try {
        const result = await verifyLedger(runtime.ctx.db);
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok) {
          process.stdout.write(`${cliT('cli.verify.ok', { entries: result.entries, head: result.head?.hash ?? '-' })}\n`);
        } else {
          for (const p of result.problems) {
            process.stdout.write(`${cliT('cli.verify.bad_entry', { seq: p.seq, problem: cliT(`cli.verify.problem.${p.problem}`) })}\n`);
          }
          process.stdout.write(`${cliT('cli.verify.failed', { entries: result.entries, seq: result.firstBadEntry?.seq ?? 0 })}\n`);
        }
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await runtime.close();
      }
    });
}
