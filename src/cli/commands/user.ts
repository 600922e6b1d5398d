// `rempart user add|reset-password|list` and `rempart import-persons`: directory administration
// from the server's shell, through the same use cases as the admin API. The operator is not a
// user: ledger entries record no actor.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { listAllUsers } from '../../adapters/db/admin-users.js';
import { findPersonByEmail } from '../../adapters/db/persons.js';
import { findUserByEmail } from '../../adapters/db/users.js';
import type { AppContext } from '../../app/context.js';
import type { DirectoryActor } from '../../app/directory/actor.js';
import { createUser } from '../../app/directory/create-user.js';
import { importPersons } from '../../app/directory/import-persons.js';
import { resolveAssociationRef, resolveOrganisation, resolveUnitRef } from '../../app/directory/resolve-references.js';
import { setUserPassword } from '../../app/directory/set-user-password.js';
import { loadConfig } from '../../config.js';
import type { GrantInput, User } from '../../contract/directory.js';
import { type Role, roles } from '../../domain/auth/roles.js';
import { decodeCsvBytes } from '../../domain/directory/person-csv.js';
import { generatePassword } from '../../domain/directory/passwords.js';
import { DomainError } from '../../domain/errors.js';
import { t } from '../../locales/index.js';
import { openRuntime } from '../../main.js';
import { cliLocale, cliT } from '../i18n.js';

/** An error already worded for the operator. */
class CliError extends Error {}

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Opens the runtime, runs `work`, prints domain errors in the operator's language, closes. */
async function withRuntime(work: (ctx: AppContext) => Promise<void>): Promise<void> {
  const runtime = await openRuntime({ ...loadConfig(), logLevel: 'warn' });
  try {
    await work(runtime.ctx);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${cliT('cli.error', { message: error.message })}\n`);
      process.exitCode = 1;
    } else if (error instanceof DomainError) {
      const locale = cliLocale();
      process.stderr.write(`${cliT('cli.error', { message: t(locale, error.messageKey ?? `error.${error.code}`, error.params) })}\n`);
      for (const f of error.fields ?? []) process.stderr.write(`  ${cliT('cli.user.error.field', { path: f.path, message: f.message })}\n`);
      process.exitCode = 1;
    } else throw error;
  } finally {
    await runtime.close();
  }
}

async function organisationActor(ctx: AppContext, slug: string | undefined): Promise<DirectoryActor> {
  const choice = await resolveOrganisation(ctx, slug);
  if (!choice.ok) {
    const slugs = choice.slugs.join(', ') || '-';
    if (choice.reason === 'none') throw new CliError(cliT('cli.user.error.no_organisation'));
    if (choice.reason === 'ambiguous') throw new CliError(cliT('cli.user.error.organisation_required', { slugs }));
    throw new CliError(cliT('cli.user.error.unknown_organisation', { slug: slug ?? '', slugs }));
  }
  return { userId: null, organisationId: choice.organisation.id, locale: cliLocale() };
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new CliError(cliT('cli.user.error.empty_stdin'));
  return password;
}

function describeGrants(user: User): string {
  return user.grants.map((g) => `${g.role}${g.isPrimary ? '*' : ''}`).join(', ');
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUser(program: Command): void {
  const user = new Command('user')
    .description(cliT('cli.user.description'))
    .helpOption('-h, --help', cliT('cli.help'))
    .helpCommand('help [command]', cliT('cli.help'));

  user
    .command('add')
    .description(cliT('cli.user.add.description'))
    .argument('<email>', cliT('cli.user.add.email'))
    .requiredOption('--name <name>', cliT('cli.user.add.name'))
    .requiredOption('--role <role>', cliT('cli.user.add.role', { roles: roles.join(', ') }), collect, [])
    .option('--unit <unit>', cliT('cli.user.add.unit'))
    .option('--association <association>', cliT('cli.user.add.association'))
    .option('--primary', cliT('cli.user.add.primary'))
    .option('--organisation <slug>', cliT('cli.user.option.organisation'))
    .option('--password-stdin', cliT('cli.user.option.password_stdin'))
    .action(
      async (
        email: string,
        opts: {
          name: string;
          role: string[];
          unit?: string;
          association?: string;
          primary?: boolean;
          organisation?: string;
          passwordStdin?: boolean;
        },
      ) => {
        for (const role of opts.role) {
          if (!(roles as readonly string[]).includes(role)) {
            process.stderr.write(
              `${cliT('cli.error', { message: cliT('cli.user.error.unknown_role', { role, roles: roles.join(', ') }) })}\n`,
            );
            process.exitCode = 1;
            return;
          }
        }
        const given = opts.passwordStdin ? await readPasswordFromStdin() : undefined;
        await withRuntime(async (ctx) => {
          const actor = await organisationActor(ctx, opts.organisation);
          const unitId = opts.unit ? await resolveUnitRef(ctx, actor.organisationId, opts.unit) : undefined;
          if (opts.unit && !unitId) throw new CliError(cliT('cli.user.error.unknown_unit', { unit: opts.unit }));
          const associationId = opts.association ? await resolveAssociationRef(ctx, actor.organisationId, opts.association) : undefined;
          if (opts.association && !associationId)
            throw new CliError(cliT('cli.user.error.unknown_association', { association: opts.association }));

          const grants: GrantInput[] = [...new Set(opts.role as Role[])].map((role) => ({
            role,
            ...(role === 'supervisor' ? { unitId: unitId ?? null } : {}),
            ...(role === 'union' ? { associationId: associationId ?? null } : {}),
            isPrimary: opts.primary ?? false,
          }));
          const password = given ?? generatePassword();
          // A person already in the directory gets the login; otherwise the entry is created.
          const person = await findPersonByEmail(ctx.db, actor.organisationId, email);
          const created = await createUser(ctx, {
            actor,
            input: {
              ...(person
                ? { personId: person.id }
                : { person: { fullName: opts.name, email, unitId: unitId ?? null, associationId: associationId ?? null } }),
              displayName: opts.name,
              password,
              grants,
            },
          });
          out(cliT('cli.user.add.done', { email: created.email, roles: describeGrants(created) }));
          if (!given) out(cliT('cli.user.password_generated', { password }));
        });
      },
    );

  user
    .command('reset-password')
    .description(cliT('cli.user.reset.description'))
    .argument('<email>', cliT('cli.user.add.email'))
    .option('--password-stdin', cliT('cli.user.option.password_stdin'))
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      const given = opts.passwordStdin ? await readPasswordFromStdin() : undefined;
      await withRuntime(async (ctx) => {
        // Login e-mails are unique across the installation: no --organisation needed.
        const found = await findUserByEmail(ctx.db, email);
        if (!found) throw new CliError(cliT('cli.user.error.unknown_user', { email }));
        const actor: DirectoryActor = { userId: null, organisationId: found.organisation_id, locale: cliLocale() };
        const result = await setUserPassword(ctx, { actor, userId: found.id, password: given });
        out(cliT('cli.user.reset.done', { email: found.email, count: result.sessionsRevoked }));
        if (result.generatedPassword) out(cliT('cli.user.password_generated', { password: result.generatedPassword }));
      });
    });

  user
    .command('list')
    .description(cliT('cli.user.list.description'))
    .option('--organisation <slug>', cliT('cli.user.option.organisation'))
    .option('--json', cliT('cli.option.json'))
    .action(async (opts: { organisation?: string; json?: boolean }) => {
      await withRuntime(async (ctx) => {
        const actor = await organisationActor(ctx, opts.organisation);
        const users = await listAllUsers(ctx.db, actor.organisationId);
        if (opts.json) {
          out(JSON.stringify(users, null, 2));
          return;
        }
        if (users.length === 0) {
          out(cliT('cli.user.list.empty'));
          return;
        }
        const [units, associations] = await Promise.all([
          ctx.db.selectFrom('units').select(['id', 'name', 'code']).where('organisation_id', '=', actor.organisationId).execute(),
          ctx.db.selectFrom('associations').select(['id', 'name']).where('organisation_id', '=', actor.organisationId).execute(),
        ]);
        const scopeName = new Map<string, string>([
          ...units.map((u) => [u.id, u.code ?? u.name] as const),
          ...associations.map((a) => [a.id, a.name] as const),
        ]);
        out(cliT('cli.user.list.header'));
        for (const u of users) {
          const grants = u.grants
            .map((g) => {
              const scope = g.unitId ?? g.associationId;
              return `${g.role}${scope ? `[${scopeName.get(scope) ?? scope}]` : ''}${g.isPrimary ? '*' : ''}`;
            })
            .join(', ');
          out([u.email, u.displayName, cliT(`cli.user.status.${u.status}`), grants].join('\t'));
        }
        out(cliT('cli.user.list.legend'));
      });
    });

  program.addCommand(user);
}

export function registerImportPersons(program: Command): void {
  program
    .command('import-persons')
    .description(cliT('cli.import.description'))
    .argument('<file>', cliT('cli.import.file'))
    .option('--dry-run', cliT('cli.import.dry_run'))
    .option('--organisation <slug>', cliT('cli.user.option.organisation'))
    .option('--json', cliT('cli.option.json'))
    .action(async (file: string, opts: { dryRun?: boolean; organisation?: string; json?: boolean }) => {
      const text = decodeCsvBytes(await readFile(file));
      await withRuntime(async (ctx) => {
        const actor = await organisationActor(ctx, opts.organisation);
        const report = await importPersons(ctx, { actor, text, dryRun: opts.dryRun ?? false });
        if (opts.json) out(JSON.stringify(report, null, 2));
        else {
          for (const e of report.errors) {
            out(
              e.column
                ? cliT('cli.import.error_line_column', { line: e.line, column: e.column, message: e.message })
                : cliT('cli.import.error_line', { line: e.line, message: e.message }),
            );
          }
          if (report.errorCount > report.errors.length)
            out(cliT('cli.import.more_errors', { count: report.errorCount - report.errors.length }));
          if (report.ignoredColumns.length > 0) out(cliT('cli.import.ignored_columns', { columns: report.ignoredColumns.join(', ') }));
          const counts = { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged };
          if (report.applied) out(cliT('cli.import.applied_summary', counts));
          else if (report.errorCount > 0 && !report.dryRun) out(cliT('cli.import.refused', { count: report.errorCount }));
          else out(cliT('cli.import.dry_run_summary', counts));
        }
        if (report.errorCount > 0) process.exitCode = 1;
      });
    });
}
