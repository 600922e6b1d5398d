// "Le consentement de la personne est requis": without the affected staff member's `takedown`
// consent a request may be prepared but not sent (409 consent_required). Rempart has no API to
// ask the person for it, so this says how: they answer from their own case, with their password;
// a ready-made message with the link can be copied and sent to them.
import { FormattedMessage, useIntl } from 'react-intl';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { CopyButton } from '../../ui/copy-button';
import type { CaseDetail } from '../cases/api';
import { takedownPaths } from './api';

export function ConsentRequired({ detail, kind = 'warning', serverMessage }: { detail: CaseDetail; kind?: 'warning' | 'error'; serverMessage?: string }) {
  const intl = useIntl();
  const me = useMe();
  const link = `${window.location.origin}${takedownPaths.consent(detail.id)}`;
  const message = intl.formatMessage(
    { id: 'takedowns.consent.message' },
    { name: detail.affectedPersonName, reference: detail.reference, link, sender: me.displayName },
  );
  const withdrawn = detail.consents.some((c) => c.purpose === 'takedown' && !c.granted);
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
