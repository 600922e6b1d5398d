// /admin/personnel/importer: the staff directory from a CSV file (docs/admin-directory.md). A file
// chosen (picker or drag and drop) is first checked with a dry run, which writes nothing and
// reports every error by line and column; "Importer" then applies it, all rows or none.
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { adminApi, type ImportReport, refusedImportReport } from './admin-api';
import { AdminPage } from './admin-page';
import { adminPaths } from './paths';

const MAX_BYTES = 10 * 1024 * 1024;
const TEMPLATE_HEADER = ['Matricule', 'Nom', 'Courriel', 'Unité', 'Titre', 'Association', 'Langue'];
const EXAMPLE = [
  'Matricule;Nom;Courriel;Unité;Titre;Association;Langue',
  "1001;Camille Tremblay;camille.tremblay@css.example;ERA;Enseignante;Syndicat de l'enseignement;fr",
  "1002;Olivier Gagnon;olivier.gagnon@css.example;École secondaire du Fleuve;Enseignant;Syndicat de l'enseignement;fr",
  '2001;"Roy, Isabelle";isabelle.roy@css.example;ERA;Directrice d\'établissement;Association des cadres;',
  '3001;Julian Smith;julian.smith@css.example;SRI;Technicien;;en',
].join('\n');

const columns = [
  { fr: 'nom', en: 'full_name', required: true, id: 'name' },
  { fr: 'courriel', en: 'email', required: true, id: 'email' },
  { fr: 'unite', en: 'unit', required: false, id: 'unit' },
  { fr: 'titre', en: 'job_title', required: false, id: 'jobTitle' },
  { fr: 'association', en: 'association', required: false, id: 'association' },
  { fr: 'matricule', en: 'employee_number', required: false, id: 'employeeNumber' },
  { fr: 'langue', en: 'locale', required: false, id: 'locale' },
] as const;

/** The template: the French headers Excel (French) opens as columns, UTF-8 with a BOM. */
function templateBlob(): Blob {
  return new Blob([`\uFEFF${TEMPLATE_HEADER.join(';')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

function TemplateLink() {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(templateBlob());
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, []);
  if (!url) return null;
  return (
    <a href={url} download="modele-repertoire.csv" className="button button--secondary">
      <FormattedMessage id="admin.import.template" />
    </a>
  );
}

function FormatSection() {
  const intl = useIntl();
  return (
    <Section
      id="format"
      title={<FormattedMessage id="admin.import.format.title" />}
      intro={<FormattedMessage id="admin.import.format.intro" />}
    >
      <ul className="plain-list">
        <li>
          <FormattedMessage id="admin.import.format.header" />
        </li>
        <li>
          <FormattedMessage id="admin.import.format.separator" />
        </li>
        <li>
          <FormattedMessage id="admin.import.format.encoding" />
        </li>
        <li>
          <FormattedMessage id="admin.import.format.matching" />
        </li>
        <li>
          <FormattedMessage id="admin.import.format.absent" />
        </li>
      </ul>
      {/* A table on wide screens, a list on phones (three columns do not fit in 360 px). */}
      <div className="table-wrap wide-only">
        <table className="table">
          <caption className="visually-hidden">
            <FormattedMessage id="admin.import.columns.caption" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="admin.import.columns.name" />
              </th>
              <th scope="col">
                <FormattedMessage id="admin.import.columns.required" />
              </th>
              <th scope="col">
                <FormattedMessage id="admin.import.columns.content" />
              </th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <code>{c.fr}</code> / <code>{c.en}</code>
                </th>
                <td>{intl.formatMessage({ id: c.required ? 'admin.import.columns.yes' : 'admin.import.columns.no' })}</td>
                <td>{intl.formatMessage({ id: `admin.import.column.${c.id}` })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="column-list narrow-only" aria-label={intl.formatMessage({ id: 'admin.import.columns.caption' })}>
        {columns.map((c) => (
          <li key={c.id}>
            <p className="column-list__name">
              <code>{c.fr}</code> / <code>{c.en}</code>
              {c.required ? (
                <span className="badge">
                  <FormattedMessage id="admin.import.columns.requiredBadge" />
                </span>
              ) : null}
            </p>
            <p className="column-list__content">{intl.formatMessage({ id: `admin.import.column.${c.id}` })}</p>
          </li>
        ))}
      </ul>
      <h3 className="card__subtitle">
        <FormattedMessage id="admin.import.example" />
      </h3>
      {/* Wrapped, never scrolled sideways (the 360 px rule). */}
      <pre className="code-block">
        <code>{EXAMPLE}</code>
      </pre>
      <p>
        <TemplateLink />
      </p>
    </Section>
  );
}

function ReportView({ report, headingId }: { report: ImportReport; headingId: string }) {
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const ok = report.errorCount === 0;
  const titleId = report.applied
    ? 'admin.import.report.applied'
    : report.dryRun
      ? 'admin.import.report.dryRun'
      : 'admin.import.report.refused';
  return (
    <div className="import-report">
      <h3 className="card__subtitle" id={headingId} ref={heading} tabIndex={-1}>
        <FormattedMessage id={titleId} />
      </h3>
      <dl className="counts">
        {(
          [
            ['rows', report.rows],
            ['created', report.created],
            ['updated', report.updated],
            ['unchanged', report.unchanged],
            ['errors', report.errorCount],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className={key === 'errors' && value > 0 ? 'counts__item counts__item--bad' : 'counts__item'}>
            <dt>{intl.formatMessage({ id: `admin.import.count.${key}` })}</dt>
            <dd>
              <FormattedNumber value={value} />
            </dd>
          </div>
        ))}
      </dl>
      {report.ignoredColumns.length > 0 ? (
        <p>
          <FormattedMessage
            id="admin.import.ignored"
            values={{
              count: report.ignoredColumns.length,
              columns: intl.formatList(report.ignoredColumns.map((c) => intl.formatMessage({ id: 'admin.import.quoted' }, { value: c }))),
            }}
          />
        </p>
      ) : null}
      {ok ? (
        report.applied ? (
          <Alert
            kind="success"
            title={<FormattedMessage id="admin.import.done" values={{ created: report.created, updated: report.updated }} />}
          />
        ) : (
          <Alert kind="info" title={<FormattedMessage id="admin.import.readyTitle" />}>
            <p>
              <FormattedMessage id="admin.import.ready" />
            </p>
          </Alert>
        )
      ) : (
        <>
          <Alert kind="error" title={<FormattedMessage id="admin.import.hasErrors" values={{ count: report.errorCount }} />}>
            <p>
              <FormattedMessage id="admin.import.fix" />
            </p>
          </Alert>
          <div className="table-wrap">
            <table className="table table--errors">
              <caption>
                <FormattedMessage id="admin.import.errors.caption" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="admin.import.errors.line" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="admin.import.errors.column" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="admin.import.errors.message" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a line may carry several errors; the list does not change
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td className="break">{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errorCount > report.errors.length ? (
            <p className="muted">
              <FormattedMessage id="admin.import.errors.more" values={{ shown: report.errors.length, total: report.errorCount }} />
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

export default function ImportPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tooBig, setTooBig] = useState(false);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [dragging, setDragging] = useState(false);
  const [runs, setRuns] = useState(0);

  async function run(chosen: File, dryRun: boolean) {
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    setRuns((n) => n + 1);
    try {
      setReport(await adminApi.importPersons(chosen, dryRun));
    } catch (caught) {
      const refused = refusedImportReport(caught);
      if (refused) setReport(refused);
      else {
        setReport(null);
        setError(caught);
      }
    } finally {
      setBusy(null);
    }
  }

  function choose(chosen: File | undefined) {
    setReport(null);
    setError(null);
    setTooBig(false);
    if (!chosen) {
      setFile(null);
      return;
    }
    setFile(chosen);
    if (chosen.size > MAX_BYTES) {
      setTooBig(true);
      return;
    }
    void run(chosen, true);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      if (input.current) input.current.value = '';
      choose(dropped);
    }
  }

  const canImport = file && report?.dryRun && report.errorCount === 0 && !tooBig;

  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.import.title' })} intro={<FormattedMessage id="admin.import.intro" />}>
      <div className="stack">
        <Section id="fichier" title={<FormattedMessage id="admin.import.file.title" />}>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop area is a shortcut; the file input inside it is the accessible way */}
          <div
            className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <label htmlFor={inputId} className="dropzone__label">
              <FormattedMessage id="admin.import.file.label" />
            </label>
            <p className="field__hint" id={`${inputId}-hint`}>
              <FormattedMessage id="admin.import.file.hint" />
            </p>
            <input
              ref={input}
              id={inputId}
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="dropzone__input"
              aria-describedby={`${inputId}-hint`}
              onChange={(e) => choose(e.target.files?.[0])}
            />
          </div>
          {file ? (
            <p className="import-file">
              <FormattedMessage
                id="admin.import.file.chosen"
                values={{ name: file.name, size: intl.formatNumber(file.size / 1024, { maximumFractionDigits: 1 }) }}
              />
            </p>
          ) : null}
          {tooBig ? <Alert kind="error" title={<FormattedMessage id="admin.import.file.tooBig" />} /> : null}
          {error ? <Alert kind="error" title={errorText(error)} /> : null}
          <p role="status" className="form__status">
            {busy === 'check' ? <FormattedMessage id="admin.import.checking" /> : null}
            {busy === 'import' ? <FormattedMessage id="admin.import.importing" /> : null}
          </p>
          {report ? <ReportView key={runs} report={report} headingId="import-report-title" /> : null}
          <div className="form__actions form__actions--inline">
            {file && !tooBig ? (
              <button type="button" className="button button--secondary" disabled={busy !== null} onClick={() => void run(file, true)}>
                <FormattedMessage id="admin.import.checkAgain" />
              </button>
            ) : null}
            {canImport ? (
              <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void run(file, false)}>
                <FormattedMessage id="admin.import.apply" values={{ rows: report.rows }} />
              </button>
            ) : null}
            {report?.applied ? (
              <Link to={adminPaths.persons} className="button button--secondary">
                <FormattedMessage id="admin.import.seeDirectory" />
              </Link>
            ) : null}
          </div>
        </Section>
        <FormatSection />
      </div>
    </AdminPage>
  );
}
