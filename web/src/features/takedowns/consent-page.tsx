// /dossiers/:id/retraits/consentement — the affected staff member's "yes" or "no" to removal
// requests, explained in plain French first: what a removal request is, that the platform may tell
// the author, that the evidence is sealed before anything is sent, who files it, that the answer
// can be changed at any time — then the requests being prepared, and the answer confirmed with the
// password or a second-factor code (POST /cases/{id}/consents {purpose: 'takedown'}). The general
// consent screen (/dossiers/:id/consentements) holds the same answer.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { type CaseDetail, casePaths, casesApi } from '../cases/api';
import { CaseNotFound, useCaseLoader } from '../cases/case-loader';
import { Page } from '../shell/page';
import { requestProviderName, type Takedown, takedownConsentOf, takedownPaths, takedownsApi } from './api';
import { TakedownStatusBadge } from './badges';

const explanations = ['what', 'author', 'sealed', 'who', 'change'] as const;

function Explanation() {
  return (
    <div className="consent-explain">
      {explanations.map((key) => (
        <div key={key} className="consent-explain__item">
          <h3 className="consent-explain__title">
            <FormattedMessage id={`takedowns.consentPage.${key}.title`} />
          </h3>
          <p>
            <FormattedMessage id={`takedowns.consentPage.${key}.body`} />
          </p>
        </div>
      ))}
    </div>
  );
}

function Prepared({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const [items, setItems] = useState<Takedown[] | undefined>();
  useEffect(() => {
    let live = true;
    takedownsApi.list(caseId).then(
      ({ items }) => live && setItems(items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [caseId]);
  if (!items) return null;
  if (items.length === 0) {
    return (
      <p>
        <FormattedMessage id="takedowns.consentPage.noneYet" />
      </p>
    );
  }
  return (
    <ul className="item-list">
      {items.map((t) => (
        <li key={t.id} className="item-list__item">
          <div className="item-list__main">
            <p className="item-list__title">
              <Link to={takedownPaths.request(caseId, t.id)}>
                <FormattedMessage
                  id="takedowns.request.linkLabel"
                  values={{ provider: requestProviderName(intl, t), ground: intl.formatMessage({ id: `takedowns.ground.${t.ground}` }) }}
                />
              </Link>{' '}
              <TakedownStatusBadge status={t.status} />
            </p>
            <ul className="item-list__meta plain-list">
              {t.locations.map((l) => (
                <li key={l.id} className="break">
                  {l.url}
                </li>
              ))}
            </ul>
            <p className="item-list__meta">
              <FormattedMessage id={`takedowns.consentPage.filer.${t.filer}`} />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function AnswerForm({ detail, onSaved }: { detail: CaseDetail; onSaved(): Promise<unknown> }) {
  const intl = useIntl();
  const me = useMe();
  const errorText = useErrorText();
  const current = takedownConsentOf(detail);
  const [choice, setChoice] = useState<'yes' | 'no' | ''>('');
  const [method, setMethod] = useState<'password' | 'totp'>('password');
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<{ choice?: boolean; secret?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const firstChoice = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);

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
        purpose: 'takedown',
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
      secretInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const secretProblem = problems.secret
    ? intl.formatMessage({ id: method === 'password' ? 'common.field.required' : 'takedowns.consentPage.codeFormat' })
    : isApiError(error, 'reauthentication_failed') || isApiError(error, 'totp_invalid')
      ? errorText(error)
      : (fieldError(error, 'password') ?? fieldError(error, 'totp'));
  const formError =
    error && !secretProblem
      ? isApiError(error, 'rate_limited')
        ? intl.formatMessage({ id: 'takedowns.consentPage.rateLimited' }, { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) })
        : errorText(error)
      : undefined;

  return (
    <>
      <p className="consent-state">
        {current ? (
          <FormattedMessage
            id={current.granted ? 'takedowns.myConsent.yes' : 'takedowns.myConsent.no'}
            values={{ when: <DateTime value={current.recordedAt} /> }}
          />
        ) : (
          <FormattedMessage id="takedowns.myConsent.none" />
        )}
      </p>
      {saved !== null ? (
        <Alert kind="success" title={intl.formatMessage({ id: saved ? 'takedowns.consentPage.savedYes' : 'takedowns.consentPage.savedNo' })} />
      ) : null}
      {formError ? <Alert kind="error" title={formError} /> : null}
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <fieldset
          className={`choices${problems.choice ? ' choices--invalid' : ''}`}
          aria-describedby={problems.choice ? 'takedown-consent-choice-error' : undefined}
        >
          <legend>
            <FormattedMessage id="takedowns.consentPage.question" />
          </legend>
          {problems.choice ? (
            <p className="field__error" id="takedown-consent-choice-error">
              <FormattedMessage id="takedowns.consentPage.chooseOne" />
            </p>
          ) : null}
          <label className="choice">
            <input ref={firstChoice} type="radio" name="takedown-consent" value="yes" checked={choice === 'yes'} onChange={() => setChoice('yes')} />
            <span>
              <FormattedMessage id="takedowns.consentPage.yes" />
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="takedown-consent" value="no" checked={choice === 'no'} onChange={() => setChoice('no')} />
            <span>
              <FormattedMessage id={current?.granted ? 'takedowns.consentPage.withdraw' : 'takedowns.consentPage.no'} />
            </span>
          </label>
        </fieldset>
        {method === 'password' ? (
          <TextField
            ref={secretInput}
            id="takedown-consent-password"
            type="password"
            autoComplete="current-password"
            label={intl.formatMessage({ id: 'takedowns.consentPage.password' })}
            hint={intl.formatMessage({ id: 'takedowns.consentPage.passwordHint' })}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={secretProblem}
          />
        ) : (
          <TextField
            ref={secretInput}
            id="takedown-consent-totp"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            label={intl.formatMessage({ id: 'takedowns.consentPage.code' })}
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
              <FormattedMessage id={method === 'password' ? 'takedowns.consentPage.useCode' : 'takedowns.consentPage.usePassword'} />
            </button>
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            <FormattedMessage id="takedowns.consentPage.submit" />
          </button>
        </div>
      </form>
    </>
  );
}

function ConsentPage({ id }: { id: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { state, reload } = useCaseLoader(id);
  if (state.status === 'missing') return <CaseNotFound />;
  const detail = state.status === 'ready' ? state.detail : undefined;
  return (
    <Page
      title={intl.formatMessage({ id: 'takedowns.consentPage.title' })}
      intro={detail ? <FormattedMessage id="takedowns.consentPage.intro" values={{ reference: detail.reference }} /> : undefined}
    >
      {state.status === 'loading' ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.status === 'failed' ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {detail ? (
        <>
          <p>
            <Link to={casePaths.case(detail.id)}>
              <FormattedMessage id="takedowns.backToCase" values={{ reference: detail.reference }} />
            </Link>
          </p>
          <Section id="comprendre" title={<FormattedMessage id="takedowns.consentPage.understand" />}>
            <Explanation />
          </Section>
          <Section id="preparees" title={<FormattedMessage id="takedowns.consentPage.prepared" />}>
            <Prepared caseId={detail.id} />
          </Section>
          <Section id="reponse" title={<FormattedMessage id="takedowns.consentPage.answer" />}>
            {detail.viewer.access === 'affected' ? (
              <AnswerForm detail={detail} onSaved={reload} />
            ) : (
              <Alert kind="info" title={intl.formatMessage({ id: 'takedowns.consentPage.notAffected' }, { name: detail.affectedPersonName })} />
            )}
          </Section>
        </>
      ) : null}
    </Page>
  );
}

export default function TakedownConsentRoute() {
  const { id = '' } = useParams();
  return <ConsentPage key={id} id={id} />;
}
