// One evidence of the case: where it comes from (a page captured, a file added, the browser
// extension), its state (waiting, the capture's steps live, « Preuve conservée » with the time,
// or the failure with « Réessayer »), a preview image and, folded, its files with their size,
// SHA-256 and a download link, and the sealed manifest. Captured HTML is never shown: only
// thumbnails and screenshots Rempart made itself are displayed (?inline=1), as <img>.
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { type Artefact, type EmailReading, type Evidence, evidenceApi, evidencePaths, formatBytes, previewArtefact } from './api';
import { CaptureProgress } from './capture-progress';
import { HashValue } from './hash';

/** What the evidence is about, in one line: the page's address, or the file names. */
function subjectOf(e: Evidence): string {
  if (e.sourceUrl) return e.sourceUrl;
  const files = e.artefacts.filter((a) => a.kind === 'upload').map((a) => a.filename);
  return files.join(', ') || e.title || e.id;
}

function ArtefactRow({ artefact }: { artefact: Artefact }) {
  const intl = useIntl();
  const kind = intl.formatMessage({ id: `evidence.kind.${artefact.kind}` });
  return (
    <li className="artefact-list__item">
      <p className="artefact-list__kind">{kind}</p>
      <p className="artefact-list__meta">
        <span className="break">{artefact.filename}</span>
        {' · '}
        <span>{formatBytes(artefact.size, intl.locale)}</span>
      </p>
      <div className="artefact-list__tools">
        <p className="artefact-list__hash">
          <span className="artefact-list__label">
            <FormattedMessage id="evidence.hash.label" />
          </span>{' '}
          <HashValue value={artefact.sha256} what={artefact.filename} />
        </p>
        <p className="artefact-list__download">
          <a href={evidencePaths.artefact(artefact.id)} download={artefact.filename}>
            <FormattedMessage id="evidence.artefact.download" values={{ name: artefact.filename }} />
          </a>
        </p>
      </div>
    </li>
  );
}

/** The e-mail's text and attachments, read from the server when the reader unfolds it. */
function EmailText({ artefactId }: { artefactId: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [state, setState] = useState<
    { status: 'closed' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; reading: EmailReading }
  >({ status: 'closed' });

  async function load() {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', reading: await evidenceApi.readEmail(artefactId) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }

  return (
    <details
      className="evidence__email-text"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && state.status === 'closed') void load();
      }}
    >
      <summary>
        <FormattedMessage id="evidence.email.read" />
      </summary>
      {state.status === 'loading' ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.status === 'error' ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {state.status === 'ready' ? (
        state.reading.readable ? (
          <>
            <pre className="email-text">{state.reading.text || intl.formatMessage({ id: 'evidence.email.empty' })}</pre>
            {state.reading.truncated ? (
              <p className="muted">
                <FormattedMessage id="evidence.email.truncated" />
              </p>
            ) : null}
            {state.reading.attachments.length > 0 ? (
              <>
                <p className="artefact-list__kind">
                  <FormattedMessage id="evidence.email.attachments" />
                </p>
                <ul className="email-attachments">
                  {state.reading.attachments.map((a, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one response's list, never reordered; names may repeat
                    <li key={i} className="break">
                      {a.filename ?? intl.formatMessage({ id: 'evidence.email.noName' })} — {a.contentType},{' '}
                      {formatBytes(a.size, intl.locale)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : (
          <p className="muted">
            <FormattedMessage id="evidence.email.tooLarge" />
          </p>
        )
      ) : null}
    </details>
  );
}

/** An uploaded e-mail: who sent it, to whom, its subject and date (its headers stay in the file). */
function EmailFacts({ artefactId, email }: { artefactId: string; email: NonNullable<Artefact['email']> }) {
  return (
    <>
      <dl className="evidence__email">
        {email.from ? (
          <div>
            <dt>
              <FormattedMessage id="evidence.email.from" />
            </dt>
            <dd className="break">{email.from}</dd>
          </div>
        ) : null}
        {email.to ? (
          <div>
            <dt>
              <FormattedMessage id="evidence.email.to" />
            </dt>
            <dd className="break">{email.to}</dd>
          </div>
        ) : null}
        {email.subject ? (
          <div>
            <dt>
              <FormattedMessage id="evidence.email.subject" />
            </dt>
            <dd className="break">{email.subject}</dd>
          </div>
        ) : null}
        {email.date ? (
          <div>
            <dt>
              <FormattedMessage id="evidence.email.date" />
            </dt>
            <dd>
              <DateTime value={email.date} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>
            <FormattedMessage id="evidence.email.path" />
          </dt>
          <dd>
            <FormattedMessage id="evidence.email.hops" values={{ count: email.receivedHops }} />
          </dd>
        </div>
      </dl>
      <EmailText artefactId={artefactId} />
    </>
  );
}

export function EvidenceItem({
  evidence,
  canRetry,
  onChanged,
}: {
  evidence: Evidence;
  /** The reader may add evidence (and so retry a failed capture). */
  canRetry: boolean;
  onChanged(evidence: Evidence): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const preview = evidence.status === 'sealed' ? previewArtefact(evidence) : undefined;
  const subject = subjectOf(evidence);
  const visibleArtefacts = evidence.artefacts.filter((a) => a.kind !== 'thumbnail');
  const emailArtefact = evidence.artefacts.find((a) => a.email);

  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await evidenceApi.retry(evidence.id);
      onChanged(await evidenceApi.get(evidence.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`evidence evidence--${evidence.status}`} data-evidence-id={evidence.id} data-status={evidence.status}>
      <div className="evidence__head">
        {preview ? (
          <img
            className="evidence__preview"
            src={evidencePaths.preview(preview.id)}
            alt={intl.formatMessage({ id: 'evidence.preview.alt' }, { subject })}
            loading="lazy"
            width={120}
          />
        ) : null}
        <div className="evidence__main">
          <p className="evidence__source">
            <FormattedMessage id={`evidence.source.${evidence.source}`} />
            {evidence.status !== 'sealed' ? (
              <>
                {' · '}
                <DateTime value={evidence.createdAt} />
              </>
            ) : null}
          </p>
          <h3 className="evidence__title break">
            {evidence.sourceUrl ? (
              <a href={evidence.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
                {evidence.title ?? evidence.sourceUrl}
                <span className="visually-hidden">
                  {' '}
                  <FormattedMessage id="evidence.newWindow" />
                </span>
              </a>
            ) : (
              (evidence.title ?? subject)
            )}
          </h3>
          {evidence.title && evidence.sourceUrl ? <p className="evidence__url break">{evidence.sourceUrl}</p> : null}
          {evidence.comment ? <p className="evidence__comment">{evidence.comment}</p> : null}
          {emailArtefact?.email ? <EmailFacts artefactId={emailArtefact.id} email={emailArtefact.email} /> : null}

          {evidence.status === 'sealed' ? (
            <p className="evidence__state">
              <span className="sealed-badge">
                <span aria-hidden="true">✔ </span>
                <FormattedMessage id="evidence.sealed" />
              </span>{' '}
              <span className="evidence__when">
                <FormattedMessage
                  id={evidence.source === 'upload' ? 'evidence.sealed.received' : 'evidence.sealed.captured'}
                  values={{ when: <DateTime value={evidence.capturedAt ?? evidence.sealedAt ?? evidence.createdAt} /> }}
                />
              </span>
            </p>
          ) : null}
        </div>
      </div>

      {evidence.status === 'queued' || evidence.status === 'capturing' ? <CaptureProgress evidence={evidence} /> : null}

      {evidence.status === 'failed' ? (
        <div className="evidence__failure">
          <Alert kind="warning" title={intl.formatMessage({ id: 'evidence.failed.title' })}>
            <p>{evidence.error?.message ?? intl.formatMessage({ id: 'evidence.failed.unknown' })}</p>
            <p>
              <FormattedMessage id="evidence.failed.advice" />
            </p>
            {canRetry && evidence.source === 'capture' ? (
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void retry()}>
                <FormattedMessage id="evidence.failed.retry" />
              </button>
            ) : null}
          </Alert>
          {error ? <Alert kind="error" title={errorText(error)} /> : null}
        </div>
      ) : null}

      {visibleArtefacts.length > 0 || evidence.manifestSha256 ? (
        <details className="evidence__files">
          <summary>
            <FormattedMessage id="evidence.files.summary" values={{ count: visibleArtefacts.length }} />
          </summary>
          <ul className="artefact-list">
            {visibleArtefacts.map((a) => (
              <ArtefactRow key={a.id} artefact={a} />
            ))}
          </ul>
          {evidence.manifestSha256 ? (
            <div className="evidence__manifest">
              <p className="artefact-list__kind">
                <FormattedMessage id="evidence.manifest.title" />
              </p>
              <p className="field__hint">
                <FormattedMessage id="evidence.manifest.hint" />
              </p>
              <div className="artefact-list__tools">
                <p className="artefact-list__hash">
                  <span className="artefact-list__label">
                    <FormattedMessage id="evidence.hash.label" />
                  </span>{' '}
                  <HashValue value={evidence.manifestSha256} what={intl.formatMessage({ id: 'evidence.manifest.what' })} />
                </p>
                <p className="artefact-list__download">
                  <a href={evidencePaths.manifest(evidence.id)} download>
                    <FormattedMessage id="evidence.manifest.download" />
                  </a>
                </p>
              </div>
            </div>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}
