// The affected person's consents (/dossiers/:id/consentements): for each purpose, what it means
// in plain words, the current answer, and a yes/no confirmed with the password (or a
// second-factor code) — POST /api/v1/cases/{id}/consents. Only the affected person may answer
// (others read an explanation); a wrong password (403), a wrong code (403/422) and too many
// tries (429) are said next to the field.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { Page } from '../shell/page';
import { type CaseDetail, type ConsentPurpose, casePaths, casesApi, consentPurposes } from './api';
import { CaseNotFound, useCaseLoader } from './case-loader';

function ConsentCard({ detail, purpose, onSaved }: { detail: CaseDetail; purpose: ConsentPurpose; onSaved(): Promise<unknown> }) {
  const intl = useIntl();
  const me = useMe();
  const errorText = useErrorText();
  const current = detail.consents.find((c) => c.purpose === purpose);
  const [choice, setChoice] = useState<'yes' | 'no' | ''>('');
  const [method, setMethod] = useState<'password' | 'totp'>('password');
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<{ choice?: boolean; secret?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const firstChoice = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const base = `consent-${purpose}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const missing = { choice: choice === '', secret: secret.trim() === '' || (method === 'totp' && !/^\d{6}$/.test(secret.trim())) };
    setProblems(missing);
    if (missing.choice) return firstChoice.current?.focus();
    if (missing.secret) return secretInput.current?.focus();
    setBusy(true);
    setError(null);
    try {
      const granted = choice === 'yes';
      await casesApi.recordConsent(detail.id, {
        purpose,
        granted,
        ...(method === 'password' ? { password: secret } : { totp: secret.trim() }),
      });
      setSecret('');
      setChoice('');
      setSaved(granted);
      await onSaved();
    } catch (caught) {
      setError(caught);
      setSecret('');
      if (isApiError(caught, 'reauthentication_failed') || isApiError(caught, 'totp_invalid') || isApiError(caught, 'invalid_input')) {
        secretInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  const secretProblem = problems.secret
    ? intl.formatMessage({ id: method === 'password' ? 'common.field.required' : 'cases.consent.codeFormat' })
    : isApiError(error, 'reauthentication_failed') || isApiError(error, 'totp_invalid')
      ? errorText(error)
      : (fieldError(error, 'password') ?? fieldError(error, 'totp'));
  const formError =
    error && !secretProblem
      ? isApiError(error, 'rate_limited')
        ? intl.formatMessage({ id: 'cases.consent.rateLimited' }, { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) })
        : errorText(error)
      : undefined;

  return (
    <Section id={base} title={<FormattedMessage id={`cases.consent.${purpose}.title`} />}>
      <p>
        <FormattedMessage id={`cases.consent.${purpose}.what`} />
      </p>
      <p>
        <FormattedMessage id={`cases.consent.${purpose}.yes`} />
      </p>
      <p className="consent-state">
        {current ? (
          <FormattedMessage
            id={current.granted ? 'cases.consent.currentYes' : 'cases.consent.currentNo'}
            values={{ when: <DateTime value={current.recordedAt} /> }}
          />
        ) : (
          <FormattedMessage id="cases.consent.currentNone" />
        )}
      </p>
      {saved !== null ? (
        <Alert kind="success" title={intl.formatMessage({ id: 'cases.consent.saved' }, { granted: saved ? 'yes' : 'no', purpose })} />
      ) : null}
      {formError ? <Alert kind="error" title={formError} /> : null}
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <fieldset
          className={`choices${problems.choice ? ' choices--invalid' : ''}`}
          aria-describedby={problems.choice ? `${base}-choice-error` : undefined}
        >
          <legend>
            <FormattedMessage id="cases.consent.question" />
          </legend>
          {problems.choice ? (
            <p className="field__error" id={`${base}-choice-error`}>
              <FormattedMessage id="cases.consent.chooseOne" />
            </p>
          ) : null}
          <label className="choice">
            <input
              ref={firstChoice}
              type="radio"
              name={`${base}-choice`}
              value="yes"
              checked={choice === 'yes'}
              onChange={() => setChoice('yes')}
            />
            <span>
              <FormattedMessage id="cases.consent.answerYes" />
            </span>
          </label>
          <label className="choice">
            <input type="radio" name={`${base}-choice`} value="no" checked={choice === 'no'} onChange={() => setChoice('no')} />
            <span>
              <FormattedMessage id={current?.granted ? 'cases.consent.answerWithdraw' : 'cases.consent.answerNo'} />
            </span>
          </label>
        </fieldset>
        {method === 'password' ? (
          <TextField
            ref={secretInput}
            id={`${base}-password`}
            type="password"
            autoComplete="current-password"
            label={intl.formatMessage({ id: 'cases.consent.password' })}
            hint={intl.formatMessage({ id: 'cases.consent.passwordHint' })}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={secretProblem}
          />
        ) : (
          <TextField
            ref={secretInput}
            id={`${base}-totp`}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            label={intl.formatMessage({ id: 'cases.consent.code' })}
            hint={intl.formatMessage({ id: 'cases.consent.codeHint' })}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={secretProblem}
          />
        )}
        {me.totpEnabled ? (
          <p className="form__aside">
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => {
                setMethod((m) => (m === 'password' ? 'totp' : 'password'));
                setSecret('');
                setProblems({});
                window.setTimeout(() => secretInput.current?.focus(), 0);
              }}
            >
              <FormattedMessage id={method === 'password' ? 'cases.consent.useCode' : 'cases.consent.usePassword'} />
            </button>
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            <FormattedMessage id="cases.consent.submit" />
          </button>
        </div>
      </form>
    </Section>
  );
}

function ConsentPage({ id }: { id: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { state, reload } = useCaseLoader(id);
  if (state.status === 'missing') return <CaseNotFound />;
  return (
    <Page
      title={intl.formatMessage({ id: 'cases.consent.title' })}
      intro={
        state.status === 'ready' ? <FormattedMessage id="cases.consent.intro" values={{ reference: state.detail.reference }} /> : undefined
      }
    >
      {state.status === 'loading' ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.status === 'failed' ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {state.status === 'ready' ? (
        <>
          <p>
            <Link to={casePaths.case(state.detail.id)}>
              <FormattedMessage id="cases.consent.back" values={{ reference: state.detail.reference }} />
            </Link>
          </p>
          {state.detail.viewer.access === 'affected' ? (
            <>
              <Alert kind="info" title={intl.formatMessage({ id: 'cases.consent.reassure' })} />
              <div className="stack">
                {consentPurposes.map((purpose) => (
                  <ConsentCard key={purpose} detail={state.detail} purpose={purpose} onSaved={reload} />
                ))}
              </div>
            </>
          ) : (
            <Alert kind="info" title={intl.formatMessage({ id: 'cases.consent.notAffected' })} />
          )}
        </>
      ) : null}
    </Page>
  );
}

export default function ConsentPageRoute() {
  const { id = '' } = useParams();
  return <ConsentPage key={id} id={id} />;
}
