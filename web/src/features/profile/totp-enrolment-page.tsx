// Second-factor enrolment, in three steps: scan the QR code (or type the key), confirm with a
// code, keep the recovery codes (shown once). The organisation may require it for some roles; the
// frame then sends the user here until it is done.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { accountApi, type TotpEnrolment } from '../../api/account';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { useMe, useSession } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { CopyButton } from '../../ui/copy-button';
import { TextField } from '../../ui/field';
import { Page } from '../shell/page';

/** The server's SVG shown as an image: an <img> never runs script, whatever the SVG contains. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function printCodes() {
  const done = () => {
    document.body.classList.remove('printing-codes');
    window.removeEventListener('afterprint', done);
  };
  document.body.classList.add('printing-codes');
  window.addEventListener('afterprint', done);
  window.print();
}

function RecoveryCodes({ codes, email }: { codes: string[]; email: string }) {
  const intl = useIntl();
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  const text = `${intl.formatMessage({ id: 'profile.totpEnrol.codes.fileTitle' }, { email })}\n\n${codes.join('\n')}\n`;
  return (
    <section ref={box} tabIndex={-1} className="secret-box recovery-codes" aria-labelledby="recovery-title">
      <h2 className="card__title" id="recovery-title">
        <FormattedMessage id="profile.totpEnrol.codes.title" />
      </h2>
      <p className="secret-box__warning">
        <FormattedMessage id="profile.totpEnrol.codes.warning" />
      </p>
      <p className="print-only">{intl.formatMessage({ id: 'profile.totpEnrol.codes.fileTitle' }, { email })}</p>
      <ol className="code-grid">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form__actions form__actions--inline no-print">
        <CopyButton text={text} className="button button--secondary" />
        <button type="button" className="button button--secondary" onClick={printCodes}>
          <FormattedMessage id="common.print" />
        </button>
      </div>
    </section>
  );
}

export default function TotpEnrolmentPage() {
  const me = useMe();
  const { refresh } = useSession();
  const intl = useIntl();
  const errorText = useErrorText();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [kept, setKept] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const stepTwo = useRef<HTMLHeadingElement>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await accountApi.startTotp());
      requestAnimationFrame(() => stepTwo.current?.focus());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      codeInput.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const result = await accountApi.confirmTotp({ code: code.replace(/\s+/g, '') });
      setRecoveryCodes(result.recoveryCodes);
      // The frame stops redirecting here once the session knows the factor is enrolled.
      await refresh();
    } catch (caught) {
      setError(caught);
      setCode('');
      codeInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const title = intl.formatMessage({ id: 'profile.totpEnrol.title' });

  if (recoveryCodes) {
    return (
      <Page title={title} narrow>
        <Alert kind="success" title={intl.formatMessage({ id: 'profile.totpEnrol.done' })} />
        <div className="card">
          <RecoveryCodes codes={recoveryCodes} email={me.email} />
          <div className="choice choice--check no-print">
            <input id="codes-kept" type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
            <label htmlFor="codes-kept">
              <FormattedMessage id="profile.totpEnrol.codes.kept" />
            </label>
          </div>
          <p className="no-print">
            {kept ? (
              <Link to={paths.profile} className="button button--primary">
                <FormattedMessage id="profile.totpEnrol.finish" />
              </Link>
            ) : (
              <span className="muted">
                <FormattedMessage id="profile.totpEnrol.codes.keepFirst" />
              </span>
            )}
          </p>
        </div>
      </Page>
    );
  }

  if (me.totpEnabled) {
    return (
      <Page title={title} narrow>
        <Alert kind="info" title={intl.formatMessage({ id: 'profile.totpEnrol.already' })} />
        <p>
          <Link to={paths.profile}>
            <FormattedMessage id="profile.totpEnrol.backToProfile" />
          </Link>
        </p>
      </Page>
    );
  }

  const codeError = missing
    ? intl.formatMessage({ id: 'common.field.required' })
    : (fieldError(error, 'code') ?? (isApiError(error, 'totp_invalid') ? errorText(error) : undefined));

  return (
    <Page title={title} narrow intro={<FormattedMessage id="profile.totpEnrol.intro" />}>
      {me.mustEnrolTotp ? <Alert kind="warning" title={intl.formatMessage({ id: 'profile.totpEnrol.required' })} /> : null}
      {error && !codeError ? <Alert kind="error" title={errorText(error)} /> : null}
      <ol className="steps">
        <li className="card">
          <h2 className="card__title">
            <FormattedMessage id="profile.totpEnrol.step1.title" />
          </h2>
          <p>
            <FormattedMessage id="profile.totpEnrol.step1.body" />
          </p>
          {!enrolment ? (
            <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
              <FormattedMessage id="profile.totpEnrol.start" />
            </button>
          ) : null}
        </li>
        {enrolment ? (
          <li className="card">
            <h2 className="card__title" ref={stepTwo} tabIndex={-1}>
              <FormattedMessage id="profile.totpEnrol.step2.title" />
            </h2>
            <p>
              <FormattedMessage id="profile.totpEnrol.step2.body" />
            </p>
            <img
              className="qr"
              src={svgDataUrl(enrolment.qrSvg)}
              alt={intl.formatMessage({ id: 'profile.totpEnrol.qrAlt' })}
              width={220}
              height={220}
            />
            <dl className="facts">
              <div>
                <dt>
                  <FormattedMessage id="profile.totpEnrol.secret" />
                </dt>
                <dd className="secret">
                  <code>{groupKey(enrolment.secret)}</code>
                </dd>
              </div>
            </dl>
            <CopyButton text={enrolment.secret} labelId="profile.totpEnrol.copySecret" />
          </li>
        ) : null}
        {enrolment ? (
          <li className="card">
            <h2 className="card__title">
              <FormattedMessage id="profile.totpEnrol.step3.title" />
            </h2>
            <form noValidate onSubmit={(e) => void confirm(e)} className="form">
              <TextField
                ref={codeInput}
                id="totp-confirm-code"
                name="code"
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={10}
                label={intl.formatMessage({ id: 'profile.totp.code' })}
                hint={intl.formatMessage({ id: 'profile.totpEnrol.codeHint' })}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={codeError}
                required
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={busy}>
                  <FormattedMessage id="profile.totpEnrol.confirm" />
                </button>
              </div>
            </form>
          </li>
        ) : null}
      </ol>
    </Page>
  );
}
