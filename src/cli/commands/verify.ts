// `rempart verify`: the ledger chain, every sealed manifest and every blob of the live store;
// `rempart verify <bundle.zip>`: an exported bundle, offline (no database, no network).
// Prints what matches, names each mismatch, exits 1 on any problem.
import type { Command } from 'commander';
import { describeBundleProblem, verifyBundle } from '../../app/evidence/verify-bundle.js';
import { describeStoreProblem, verifyStore } from '../../app/evidence/verify-store.js';
import type { BundleReport } from '../../domain/evidence/bundle-check.js';
import { loadConfig } from '../../config.js';
import { openRuntime } from '../../main.js';
import { cliLocale, cliT } from '../i18n.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function printBundle(report: BundleReport): void {
  const locale = cliLocale();
  const named = new Set(report.problems.map((p) => ('evidenceId' in p ? p.evidenceId : undefined)).filter(Boolean));
  const sumsBad = report.problems.some((p) => p.code.startsWith('sums_') || p.code === 'duplicate_file');
  if (!sumsBad) out(cliT('evidence.verify.bundle.sums_ok', { count: String(report.sumsChecked) }));
  for (const m of report.manifests) {
    if (!named.has(m.evidenceId) && m.ledgerSeq !== null) {
      out(
        cliT('evidence.verify.bundle.manifest_ok', {
          evidenceId: m.evidenceId,
          sha256: m.sha256,
          seq: String(m.ledgerSeq),
          artefacts: String(m.artefacts),
        }),
      );
    }
  }
  const chainBad = report.problems.some(
    (p) => p.code.startsWith('chain_') || p.code.startsWith('entry_') || p.code.startsWith('head_') || p.code === 'entries_absent',
  );
  if (!chainBad && report.head) {
    out(cliT('evidence.verify.bundle.entries_ok', { entries: String(report.entries) }));
    out(
      cliT('evidence.verify.bundle.chain_ok', {
        from: String(report.chain.from ?? '-'),
        to: String(report.chain.to ?? '-'),
        links: String(report.chain.links),
        headSeq: String(report.head.seq),
        headHash: report.head.hash,
      }),
    );
  }
  for (const p of report.problems) out(cliT('evidence.verify.bundle.problem', { message: describeBundleProblem(locale, p) }));
  if (report.ok) {
    out(
      cliT('evidence.verify.bundle.ok', {
        files: String(report.files),
        manifests: String(report.manifests.length),
        entries: String(report.entries),
        headSeq: String(report.head?.seq ?? '-'),
        headHash: report.head?.hash ?? '-',
      }),
    );
  } else out(cliT('evidence.verify.bundle.failed', { count: report.problems.length }));
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(cliT('evidence.verify.cli.description'))
    .argument('[bundle]', cliT('evidence.verify.cli.bundle_arg'))
    .option('--json', cliT('cli.option.json'))
    .option('--no-blobs', cliT('evidence.verify.cli.no_blobs'))
    .action(async (bundle: string | undefined, opts: { json?: boolean; blobs: boolean }) => {
      if (bundle) {
        const report = await verifyBundle(bundle);
        if (opts.json)
          out(
            JSON.stringify(
              { ...report, problems: report.problems.map((p) => ({ ...p, message: describeBundleProblem(cliLocale(), p) })) },
              null,
              2,
            ),
          );
        else printBundle(report);
        process.exitCode = report.ok ? 0 : 1;
        return;
      }
      const runtime = await openRuntime({ ...loadConfig(), logLevel: 'warn' });
      try {
        const result = await verifyStore(runtime.ctx, { blobs: opts.blobs });
        const { ledger } = result;
        if (opts.json) {
          out(
            JSON.stringify(
              { ...result, problems: result.problems.map((p) => ({ ...p, message: describeStoreProblem(cliLocale(), p) })) },
              null,
              2,
            ),
          );
        } else {
          if (ledger.ok) out(cliT('cli.verify.ok', { entries: ledger.entries, head: ledger.head?.hash ?? '-' }));
          else {
            for (const p of ledger.problems)
              out(cliT('cli.verify.bad_entry', { seq: p.seq, problem: cliT(`cli.verify.problem.${p.problem}`) }));
            out(cliT('cli.verify.failed', { entries: ledger.entries, seq: ledger.firstBadEntry?.seq ?? 0 }));
          }
          for (const p of result.problems) out(describeStoreProblem(cliLocale(), p));
          if (result.problems.length === 0)
            out(cliT('evidence.verify.store.summary_ok', { evidence: result.evidence, blobs: result.blobs, bytes: result.bytes }));
          else
            out(
              cliT('evidence.verify.store.summary_failed', {
                count: result.problems.length,
                evidence: result.evidence,
                blobs: result.blobs,
              }),
            );
        }
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await runtime.close();
      }
    });
}
