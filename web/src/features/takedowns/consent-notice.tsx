// "Le consentement de la personne est requis": without the affected staff member's `takedown`
// consent a request may be prepared but not sent (409 consent_required). One button asks them
// inside Rempart (POST /cases/{id}/takedowns/consent-request: an in-app notice and a mail with
// the link, never the facts); they answer from their own case, with their password. A
// ready-made message with the link can also be copied and sent another way.
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { CopyButton } from '../../ui/copy-button';
import type { CaseDetail } from '../cases/api';
import { takedownPaths, takedownsApi } from './api';

export function ConsentRequired({
  detail,
  kind = 'warning',
  serverMessage,
}: {
  detail: CaseDetail;
  kind?: 'warning' | 'error';
  serverMessage?: string;
}) {
  const intl = useIntl();
  const me = useMe();
  const link = `${window.location.origin}${takedownPaths.consent(detail.id)}`;
  const message = intl.formatMessage(
    { id: 'takedowns.consent.message' },
    { name: detail.affectedPersonName, reference: detail.reference, link, sender: me.displayName },
  );
  const withdrawn = detail.consents.some((c) => c.purpose === 'takedown' && !c.granted);
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const [asked, setAsked] = useState<string | null>(null);
  const [askError, setAskError] = useState<unknown>(null);

  async function ask() {
    setAsking(true);
    setAskError(null);
    try {
      setAsked((await takedownsApi.requestConsent(detail.id)).recipientName);
    } catch (caught) {
      setAskError(caught);
    } finally {
      setAsking(false);
    }
  }

  return (
    <Alert kind={kind} title={intl.formatMessage({ id: 'takedowns.consent.required' })}>
      {serverMessage ? <p>{serverMessage}</p> : null}
      <p>
        <FormattedMessage
          id={withdrawn ? 'takedowns.consent.withdrawn' : 'takedowns.consent.why'}
          values={{ name: detail.affectedPersonName }}
        />
      </p>
      <p>
        <FormattedMessage id="takedowns.consent.how" values={{ name: detail.affectedPersonName, reference: detail.reference }} />
      </p>
      <p role="status" className="form__status">
        {asked ? <FormattedMessage id="takedowns.consent.asked" values={{ name: asked }} /> : null}
      </p>
      {askError ? <p className="field__error">{errorText(askError)}</p> : null}
      {asked ? null : (
        <p>
          <button type="button" className="button button--primary button--small" disabled={asking} onClick={() => void ask()}>
            <FormattedMessage id="takedowns.consent.ask" values={{ name: detail.affectedPersonName }} />
          </button>
        </p>
      )}
      <details className="consent-message">
        <summary>
          <FormattedMessage id="takedowns.consent.messageTitle" />
        </summary>
        <p className="code-block" lang={intl.locale}>
          {message}
        </p>
        <CopyButton text={message} labelId="takedowns.consent.copyMessage" className="button button--secondary button--small" />
      </details>
    </Alert>
  );
}
