// « Ajouter des fichiers »: screenshots, photos, PDF, videos, e-mails saved as .eml. Each file is
// hashed in the browser (SHA-256) and sent on its own — one evidence per file, so one refused
// file never takes the others with it — with its hash, which the server checks against the bytes
// it received (422 hash_mismatch: nothing kept). Progress is shown per file (hashing, then the
// upload's own progress from XMLHttpRequest). Each file keeps its Idempotency-Key across retries,
// so a retry after a lost answer never keeps a file twice. On phones a second field opens the
// camera.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { isWebUrl, newIdempotencyKey } from '../report/idempotency-key';
import { type Evidence, formatBytes, uploadEvidence } from './api';
import { sha256OfFile } from './sha256';

const ACCEPT = 'image/*,application/pdf,video/*,.eml,message/rfc822';

type FileState =
  | { phase: 'waiting' }
  | { phase: 'hashing' }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'done'; evidence: Evidence }
  | { phase: 'failed'; error: unknown };

interface Pending {
  key: string;
  file: File;
  sha256?: string;
  state: FileState;
}

export function UploadForm({
  caseId,
  onUploaded,
  onCancel,
}: {
  caseId: string;
  /** Called for each file kept, with its sealed evidence. */
  onUploaded(evidence: Evidence): void;
  onCancel(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Pending[]>([]);
  const [sourceUrl, setSourceUrl] = useState('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [urlError, setUrlError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const busyRef = useRef(false);

  useEffect(() => {
    filesInput.current?.focus();
  }, []);

  function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    setMissing(false);
    setSummary(null);
    const fresh = [...list].map((file) => ({ key: newIdempotencyKey(), file, state: { phase: 'waiting' } as FileState }));
    setItems((old) => [...old.filter((p) => p.state.phase !== 'done'), ...fresh]);
  }

  function remove(key: string) {
    setItems((old) => old.filter((p) => p.key !== key));
  }

  function setState(key: string, state: FileState, sha256?: string) {
    setItems((old) => old.map((p) => (p.key === key ? { ...p, state, ...(sha256 ? { sha256 } : {}) } : p)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busyRef.current) return;
    const todo = items.filter((p) => p.state.phase !== 'done');
    if (todo.length === 0) {
      setMissing(true);
      filesInput.current?.focus();
      return;
    }
    const url = sourceUrl.trim();
    if (url && !isWebUrl(url)) {
      setUrlError(intl.formatMessage({ id: 'evidence.url.invalid' }));
      return;
    }
    setUrlError(undefined);
    busyRef.current = true;
    setBusy(true);
    setSummary(null);
    let kept = 0;
    let failed = 0;
    for (const item of todo) {
      try {
        setState(item.key, { phase: 'hashing' });
        const sha256 = item.sha256 ?? (await sha256OfFile(item.file));
        setState(item.key, { phase: 'sending', sent: 0, total: item.file.size }, sha256);
        const evidence = await uploadEvidence({
          caseId,
          file: item.file,
          sha256,
          meta: { ...(url ? { sourceUrl: url } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) },
          idempotencyKey: item.key,
          locale: intl.locale,
          onProgress: (sent, total) => setState(item.key, { phase: 'sending', sent, total }),
        });
        setState(item.key, { phase: 'done', evidence });
        onUploaded(evidence);
        kept += 1;
      } catch (error) {
        setState(item.key, { phase: 'failed', error });
        failed += 1;
      }
    }
    busyRef.current = false;
    setBusy(false);
    setSummary(intl.formatMessage({ id: 'evidence.upload.summary' }, { kept, failed }));
  }

  function stateText(p: Pending): string {
    switch (p.state.phase) {
      case 'waiting':
        return intl.formatMessage({ id: 'evidence.upload.waiting' });
      case 'hashing':
        return intl.formatMessage({ id: 'evidence.upload.hashing' });
      case 'sending':
        return intl.formatMessage(
          { id: 'evidence.upload.sending' },
          { percent: p.state.total > 0 ? Math.round((p.state.sent / p.state.total) * 100) : 0 },
        );
      case 'done':
        return intl.formatMessage({ id: 'evidence.sealed' });
      case 'failed':
        return isApiError(p.state.error, 'hash_mismatch')
          ? intl.formatMessage({ id: 'evidence.upload.corrupted' })
          : errorText(p.state.error);
    }
  }

  const fileError = missing ? intl.formatMessage({ id: 'evidence.upload.none' }) : undefined;
  const remaining = items.filter((p) => p.state.phase !== 'done').length;
  return (
    <form noValidate className="form form--boxed evidence-form" onSubmit={(e) => void submit(e)}>
      <p className="form__title">
        <FormattedMessage id="evidence.upload.title" />
      </p>
      <div className={`dropzone${fileError ? ' field--invalid' : ''}`}>
        <p className="dropzone__label">
          <FormattedMessage id="evidence.upload.files" />
        </p>
        <p className="field__hint" id={`${uid}-files-hint`}>
          <FormattedMessage id="evidence.upload.hint" />
        </p>
        {fileError ? (
          <p className="field__error" id={`${uid}-files-error`}>
            {fileError}
          </p>
        ) : null}
        <div className="file-pick">
          {/* The native control stays focusable and named; its label is the visible button (in the UI language). */}
          <input
            ref={filesInput}
            id={`${uid}-files`}
            className="file-pick__input"
            type="file"
            multiple
            accept={ACCEPT}
            aria-describedby={`${uid}-files-hint${fileError ? ` ${uid}-files-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              add(e.target.files);
              e.target.value = '';
            }}
          />
          <label className="button button--secondary file-pick__button" htmlFor={`${uid}-files`}>
            <FormattedMessage id="evidence.upload.choose" />
          </label>
        </div>
        <div className="file-pick evidence-camera">
          <input
            id={`${uid}-camera`}
            className="file-pick__input"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              add(e.target.files);
              e.target.value = '';
            }}
          />
          <label className="button button--secondary file-pick__button" htmlFor={`${uid}-camera`}>
            <FormattedMessage id="evidence.upload.camera" />
          </label>
        </div>
      </div>

      {items.length > 0 ? (
        <ul className="upload-list" aria-label={intl.formatMessage({ id: 'evidence.upload.selected' }, { count: items.length })}>
          {items.map((p) => (
            <li key={p.key} className={`upload-list__item upload-list__item--${p.state.phase}`}>
              <p className="upload-list__name break">
                {p.file.name} <span className="muted">({formatBytes(p.file.size, intl.locale)})</span>
              </p>
              {p.state.phase === 'sending' ? (
                <progress
                  className="upload-list__bar"
                  max={p.state.total || 1}
                  value={p.state.sent}
                  aria-label={intl.formatMessage({ id: 'evidence.upload.progressLabel' }, { name: p.file.name })}
                />
              ) : null}
              <p className="upload-list__state">
                {p.state.phase === 'done' ? <span aria-hidden="true">✔ </span> : null}
                {stateText(p)}
              </p>
              {p.state.phase === 'waiting' || p.state.phase === 'failed' ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={busy}
                  onClick={() => remove(p.key)}
                  aria-label={intl.formatMessage({ id: 'evidence.upload.removeLabel' }, { name: p.file.name })}
                >
                  <FormattedMessage id="evidence.upload.remove" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      <TextField
        id={`${uid}-source`}
        type="url"
        inputMode="url"
        autoComplete="off"
        label={<FormattedMessage id="evidence.upload.sourceUrl" />}
        hint={<FormattedMessage id="evidence.upload.sourceUrlHint" />}
        value={sourceUrl}
        maxLength={2048}
        onChange={(e) => setSourceUrl(e.target.value)}
        error={urlError}
      />
      <div className="field">
        <label htmlFor={`${uid}-comment`}>
          <FormattedMessage id="evidence.upload.comment" />
        </label>
        <textarea id={`${uid}-comment`} rows={2} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>

      <div role="status" className="status-message">
        {summary ? <p className="form__status">{summary}</p> : null}
      </div>
      <div className="form__actions form__actions--inline">
        {remaining > 0 || items.length === 0 ? (
          <button type="submit" className="button" disabled={busy}>
            <FormattedMessage id="evidence.upload.submit" values={{ count: remaining }} />
          </button>
        ) : null}
        <button type="button" className="button button--ghost" onClick={onCancel} disabled={busy}>
          <FormattedMessage
            id={items.some((p) => p.state.phase === 'done') && remaining === 0 ? 'evidence.upload.close' : 'common.cancel'}
          />
        </button>
      </div>
    </form>
  );
}
