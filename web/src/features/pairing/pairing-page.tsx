// "Associer un appareil" (/appairer?code=ABCD-EFGH): the code the extension or the app shows,
// prefilled from the address, checked by the person and authorised. The client then receives a
// token limited to capture (list and open cases, add evidence) — never the password. A warning
// says to authorise only a code one is looking at on one's own device (a code read out by a
// stranger would hand them that access).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Page } from '../shell/page';
import { type ApprovedPairing, pairingApi } from './api';

/** What a person may type: letters and digits, spaces or a dash; shown as ABCD-EFGH. */
function tidy(code: string): string {
  const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : code.trim().toUpperCase();
}

export default function PairingPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const [code, setCode] = useState(() => tidy(params.get('code') ?? ''));
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [approved, setApproved] = useState<ApprovedPairing | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (approved) done.current?.focus();
  }, [approved]);

  async function approve(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      setApproved(await pairingApi.approve({ userCode: code.trim() }));
    } catch (caught) {
      setError(caught);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const codeError = missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'userCode');
  return (
    <Page title={intl.formatMessage({ id: 'pairing.title' })} intro={<FormattedMessage id="pairing.intro" />} narrow>
      {approved ? (
        <div ref={done} tabIndex={-1}>
          <Alert kind="success" title={<FormattedMessage id="pairing.done.title" values={{ client: approved.clientName }} />}>
            <p>
              <FormattedMessage id="pairing.done.body" />
            </p>
            <p>
              <FormattedMessage id="pairing.done.revoke" values={{ link: (text) => <Link to="/profil#jetons">{text}</Link> }} />
            </p>
          </Alert>
        </div>
      ) : (
        <section className="card" aria-labelledby="pairing-form-title">
          <h2 className="card__title" id="pairing-form-title">
            <FormattedMessage id="pairing.form.title" />
          </h2>
          <Alert kind="warning" title={<FormattedMessage id="pairing.warning.title" />}>
            <p>
              <FormattedMessage id="pairing.warning.body" />
            </p>
          </Alert>
          {error && !codeError ? <Alert kind="error" title={errorText(error)} /> : null}
          <form noValidate onSubmit={(e) => void approve(e)} className="form">
            <TextField
              ref={input}
              id="pairing-code"
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              label={intl.formatMessage({ id: 'pairing.code.label' })}
              hint={intl.formatMessage({ id: 'pairing.code.hint' })}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={codeError}
              style={{ fontFamily: 'ui-monospace, monospace', fontSize: '1.5rem', letterSpacing: '0.08em' }}
              required
            />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                <FormattedMessage id="pairing.approve" />
              </button>
            </div>
          </form>
          <p className="muted">
            <FormattedMessage id="pairing.scope" />
          </p>
        </section>
      )}
    </Page>
  );
}
