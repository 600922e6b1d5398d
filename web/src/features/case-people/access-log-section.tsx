// « Qui a consulté le dossier » (Québec Law 25: the affected person may see who has seen their
// file): GET /cases/{id}/access-log, newest first, as a table — who, in which role, what, when.
// One visit of the case page reads several parts of it (the case, its records, its timeline…):
// consecutive reads by the same person within two minutes are shown as one row listing what was
// read. Readable by the affected person, the case's supervisor and general direction.
import { useCallback, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { type AccessLogEntry, peopleApi } from './api';

const VISIT_MS = 2 * 60_000;

interface Visit {
  key: string;
  userId: string;
  name: string;
  roles: string[];
  viaGrant: boolean;
  /** Distinct things read, in the order read. */
  what: string[];
  /** Newest and oldest read of the visit. */
  last: string;
  first: string;
}

/** Entries come newest first: a visit grows backwards in time while the same person reads on. */
export function groupVisits(entries: readonly AccessLogEntry[]): Visit[] {
  const visits: Visit[] = [];
  for (const e of entries) {
    const current = visits.at(-1);
    if (current && current.userId === e.userId && new Date(current.first).getTime() - new Date(e.at).getTime() <= VISIT_MS) {
      current.first = e.at;
      if (!current.what.includes(e.actionLabel)) current.what.unshift(e.actionLabel);
      continue;
    }
    visits.push({
      key: `${e.userId}-${e.at}`,
      userId: e.userId,
      name: e.name,
      roles: e.roles,
      viaGrant: e.viaGrant,
      what: [e.actionLabel],
      last: e.at,
      first: e.at,
    });
  }
  return visits;
}

export function AccessLogSection() {
  const { detail } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const caseId = detail.id;
  const [entries, setEntries] = useState<AccessLogEntry[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (next?: string) => {
      setBusy(true);
      try {
        const page = await peopleApi.accessLog(caseId, next);
        setEntries((old) => (next ? [...(old ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [caseId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const visits = groupVisits(entries ?? []);
  const roleText = (v: Visit) =>
    v.viaGrant && v.roles.length === 0
      ? intl.formatMessage({ id: 'people.log.viaGrant' })
      : intl.formatList(v.roles.map((role) => intl.formatMessage({ id: 'cases.role' }, { role })));

  return (
    <Section id="consultations" title={<FormattedMessage id="people.log.title" />} intro={<FormattedMessage id="people.log.intro" />}>
      {error ? (
        <Alert kind="error" title={errorText(error)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void load()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}
      {!entries && !error ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {entries && visits.length === 0 ? (
        <p>
          <FormattedMessage id="people.log.none" />
        </p>
      ) : null}
      {visits.length > 0 ? (
        <div className="table-wrap">
          <table className="table access-log">
            <caption className="visually-hidden">
              <FormattedMessage id="people.log.caption" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="people.log.who" />
                </th>
                <th scope="col">
                  <FormattedMessage id="people.log.role" />
                </th>
                <th scope="col">
                  <FormattedMessage id="people.log.what" />
                </th>
                <th scope="col">
                  <FormattedMessage id="people.log.when" />
                </th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <tr key={v.key} data-user-id={v.userId}>
                  <td data-label={intl.formatMessage({ id: 'people.log.who' })}>{v.name}</td>
                  <td data-label={intl.formatMessage({ id: 'people.log.role' })}>{roleText(v)}</td>
                  <td data-label={intl.formatMessage({ id: 'people.log.what' })}>
                    {v.what.length === 1 ? (
                      v.what[0]
                    ) : (
                      <ul className="access-log__what">
                        {v.what.map((w) => (
                          <li key={w}>{w}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label={intl.formatMessage({ id: 'people.log.when' })}>
                    <DateTime value={v.last} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form__actions form__actions--inline">
        {cursor ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void load(cursor)}>
            <FormattedMessage id="people.log.more" />
          </button>
        ) : null}
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void load()}>
          <FormattedMessage id="people.log.refresh" />
        </button>
      </div>
    </Section>
  );
}
