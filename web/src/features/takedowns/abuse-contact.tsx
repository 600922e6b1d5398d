// A site the directory does not know ("web host"): how to find who can take the content down,
// and "Chercher le contact d'abus" — an RDAP lookup of the network hosting the site and of the
// domain's registrar (POST /locations/{id}/abuse-contact; the last answer is kept with the case).
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useErrorText } from '../../ui/api-error';
import { CopyButton } from '../../ui/copy-button';
import { DateTime } from '../../ui/date-time';
import { type AbuseContact, takedownsApi } from './api';

function Answers({ contact }: { contact: AbuseContact }) {
  return (
    <div className="abuse-result">
      <p className="muted">
        <FormattedMessage
          id="takedowns.abuse.lookedUp"
          values={{ when: contact.lookedUpAt ? <DateTime value={contact.lookedUpAt} /> : '—', domain: contact.domain ?? contact.host }}
        />
      </p>
      {contact.answers.length === 0 ? (
        <p>
          <FormattedMessage id="takedowns.abuse.noAnswer" />
        </p>
      ) : (
        <ul className="abuse-list">
          {contact.answers.map((a) => (
            <li key={`${a.kind}-${a.query}`} className="abuse-list__item">
              <h4 className="abuse-list__title">
                <FormattedMessage id={`takedowns.abuse.kind.${a.kind}`} values={{ query: a.query }} />
              </h4>
              {a.status === 'ok' ? (
                <>
                  {a.holder ? (
                    <p>
                      <FormattedMessage id="takedowns.abuse.holder" values={{ holder: a.holder }} />
                    </p>
                  ) : null}
                  {a.abuse.length === 0 ? (
                    <p>
                      <FormattedMessage id="takedowns.abuse.noDesk" />
                    </p>
                  ) : (
                    a.abuse.map((desk) => (
                      <div key={`${desk.of}-${desk.name ?? ''}`} className="abuse-desk">
                        <p className="abuse-desk__name">{desk.name?.trim() ? desk.name : <FormattedMessage id="takedowns.abuse.desk" />}</p>
                        {desk.emails.map((email) => (
                          <p key={email} className="abuse-desk__line break">
                            <a href={`mailto:${email}`}>{email}</a>{' '}
                            <CopyButton text={email} className="button button--ghost button--small" />
                          </p>
                        ))}
                        {desk.phones.map((phone) => (
                          <p key={phone} className="abuse-desk__line">
                            <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
                          </p>
                        ))}
                      </div>
                    ))
                  )}
                </>
              ) : (
                <p>
                  <FormattedMessage id={`takedowns.abuse.status.${a.status}`} values={{ detail: a.detail ?? '' }} />
                </p>
              )}
              <p className="muted break">
                <FormattedMessage id="takedowns.abuse.source" values={{ source: a.source }} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {contact.guidance.length > 0 ? (
        <ul className="plain-list">
          {contact.guidance.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function AbuseContactPanel({ locationId, host, canAct }: { locationId: string; host: string; canAct: boolean }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [contact, setContact] = useState<AbuseContact | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    takedownsApi.abuseContact(locationId).then(
      (c) => live && setContact(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locationId]);

  async function lookup() {
    setBusy(true);
    setError(null);
    try {
      setContact(await takedownsApi.lookupAbuseContact(locationId));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="abuse-contact">
      <p>
        <FormattedMessage id="takedowns.abuse.guidance" values={{ host }} />
      </p>
      {canAct ? (
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            aria-label={intl.formatMessage({ id: 'takedowns.abuse.lookupFor' }, { host })}
            onClick={() => void lookup()}
          >
            <FormattedMessage id="takedowns.abuse.lookup" />
          </button>
        </p>
      ) : null}
      <div role="status">
        {busy ? <FormattedMessage id="takedowns.abuse.searching" /> : null}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {contact?.lookedUpAt ? <Answers contact={contact} /> : null}
    </div>
  );
}
