// Two small forms with one web address each:
//   « Capturer un lien » — POST /cases/{id}/captures: Rempart opens the page on its server and
//     keeps what it showed (202 at once; the panel then follows the capture's steps);
//   « Ajouter un lien » — POST /cases/{id}/locations: a place where the content appears; it joins
//     the case's links (with their steps: takedown, checks) and is captured at once.
// An address refused by the private-network rule (422 destination_blocked) is explained in plain
// words; a wrong address is said on the field, before anything is sent.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { isWebUrl } from '../report/idempotency-key';

export function UrlForm({
  mode,
  onSubmit,
  onCancel,
}: {
  mode: 'capture' | 'location';
  /** Sends the address; throws the ApiError to show. */
  onSubmit(url: string): Promise<void>;
  onCancel(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [fieldErr, setFieldErr] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    input.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = url.trim();
    setError(null);
    if (!isWebUrl(value)) {
      setFieldErr(intl.formatMessage({ id: value ? 'evidence.url.invalid' : 'common.field.required' }));
      input.current?.focus();
      return;
    }
    setFieldErr(undefined);
    setBusy(true);
    try {
      await onSubmit(value);
      setUrl('');
    } catch (caught) {
      if (isApiError(caught, 'invalid_input')) {
        setFieldErr(caught.fieldMessage('url') ?? intl.formatMessage({ id: 'evidence.url.invalid' }));
        input.current?.focus();
      } else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const blocked = isApiError(error, 'destination_blocked');
  return (
    <form noValidate className="form form--boxed evidence-form" onSubmit={(e) => void submit(e)}>
      <p className="form__title">
        <FormattedMessage id={mode === 'capture' ? 'evidence.capture.title' : 'evidence.location.title'} />
      </p>
      {error ? (
        <Alert kind="error" title={blocked ? intl.formatMessage({ id: 'evidence.capture.blocked.title' }) : errorText(error)}>
          {blocked ? (
            <p>
              <FormattedMessage id="evidence.capture.blocked.body" />
            </p>
          ) : null}
        </Alert>
      ) : null}
      <TextField
        ref={input}
        id={`${uid}-url`}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        label={<FormattedMessage id="evidence.url.label" />}
        hint={<FormattedMessage id={mode === 'capture' ? 'evidence.capture.hint' : 'evidence.location.hint'} />}
        value={url}
        maxLength={2048}
        onChange={(e) => setUrl(e.target.value)}
        error={fieldErr}
      />
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id={mode === 'capture' ? 'evidence.capture.submit' : 'evidence.location.submit'} />
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          <FormattedMessage id="common.cancel" />
        </button>
      </div>
    </form>
  );
}
