// The report package and the mandate letter. The package's printable page is the server's own
// HTML, served with a sandboxing CSP (no script, an opaque origin): it is opened in its own tab,
// never injected into this page. The ZIP adds the evidence files and SHA256SUMS. The mandate letter
// is a PDF to print and sign by hand; the signed scan is uploaded (multipart) and kept with the
// request — a ticked box is not a signature.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { formatBytes } from '../evidence/api';
import { type Takedown, takedownFiles, uploadMandate } from './api';

export function PackageLinks({ request }: { request: Takedown }) {
  return (
    <div className="package">
      <p>
        <FormattedMessage id={request.filer === 'staff_member' ? 'takedowns.package.forStaff' : 'takedowns.package.forBoard'} />
      </p>
      <ul className="download-list">
        <li>
          <a className="button button--secondary" href={takedownFiles.packageHtml(request.id, 'fr-CA')} target="_blank" rel="noopener noreferrer">
            <FormattedMessage id="takedowns.package.openFr" />
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="takedowns.newWindow" />
            </span>
          </a>
        </li>
        <li>
          <a className="button button--secondary" href={takedownFiles.packageHtml(request.id, 'en')} target="_blank" rel="noopener noreferrer" hrefLang="en">
            <FormattedMessage id="takedowns.package.openEn" />
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="takedowns.newWindow" />
            </span>
          </a>
        </li>
        <li>
          <a className="button button--secondary" href={takedownFiles.packageZip(request.id, 'fr-CA')} download>
            <FormattedMessage id="takedowns.package.zip" />
          </a>
        </li>
      </ul>
      <p className="field__hint">
        <FormattedMessage id="takedowns.package.printHint" />
      </p>
    </div>
  );
}

export function MandatePanel({ request, onUploaded }: { request: Takedown; onUploaded(t: Takedown): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const base = `mandate-${request.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (!file) {
      setProblem(intl.formatMessage({ id: 'takedowns.mandate.chooseFile' }));
      return input.current?.focus();
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    try {
      onUploaded(await uploadMandate(request.id, file, intl.locale));
      setFile(null);
      if (input.current) input.current.value = '';
      setDone(true);
    } catch (caught) {
      setError(caught);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const fieldProblem = problem ?? (error ? errorText(error) : undefined);
  return (
    <div className="mandate">
      <p>
        <FormattedMessage id="takedowns.mandate.what" />
      </p>
      <p>
        <a className="button button--secondary" href={takedownFiles.mandatePdf(request.id)} download>
          <FormattedMessage id="takedowns.mandate.download" />
        </a>
      </p>
      {request.mandates.length > 0 ? (
        <ul className="item-list mandate-list">
          {request.mandates.map((m) => (
            <li key={m.id} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title break">{m.filename}</p>
                <p className="item-list__meta">
                  <FormattedMessage
                    id="takedowns.mandate.uploaded"
                    values={{ when: <DateTime value={m.uploadedAt} />, name: m.uploadedByName ?? '—', size: formatBytes(m.size, intl.locale) }}
                  />
                </p>
                <p className="item-list__meta break">
                  SHA-256 <code>{m.sha256}</code>
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          <FormattedMessage id="takedowns.mandate.none" />
        </p>
      )}
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <div className={`field${fieldProblem ? ' field--invalid' : ''}`}>
          <label htmlFor={`${base}-file`}>
            <FormattedMessage id="takedowns.mandate.file" />
          </label>
          <p className="field__hint" id={`${base}-hint`}>
            <FormattedMessage id="takedowns.mandate.fileHint" />
          </p>
          {fieldProblem ? (
            <p className="field__error" id={`${base}-error`}>
              {fieldProblem}
            </p>
          ) : null}
          <input
            ref={input}
            id={`${base}-file`}
            type="file"
            className="file-input"
            accept="application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff"
            aria-describedby={`${base}-hint${fieldProblem ? ` ${base}-error` : ''}`}
            aria-invalid={fieldProblem ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={busy}>
            <FormattedMessage id="takedowns.mandate.upload" />
          </button>
          <span role="status" className="form__status">
            {busy ? <FormattedMessage id="takedowns.mandate.uploading" /> : done ? <FormattedMessage id="takedowns.mandate.done" /> : null}
          </span>
        </div>
      </form>
      {error && !fieldProblem ? <Alert kind="error" title={errorText(error)} /> : null}
    </div>
  );
}
