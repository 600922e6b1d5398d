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
import { groupVisits, type Visit } from './visits';

/** Reads the server has no words for yet (it then sends the action code), dots as underscores. */
const fallbackActions = new Set([
  'evidence_list',
  'evidence_view',
  'evidence_manifest',
  'artefact_download',
  'case_export',
  'takedown_list',
  'takedown_read',
  'watches_view',
]);

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

  const labelled = (entries ?? []).map((e) => {
    const key = e.action.replaceAll('.', '_');
    return e.actionLabel === e.action && fallbackActions.has(key)
      ? { ...e, actionLabel: intl.formatMessage({ id: `people.log.action.${key}` }) }
      : e;
  });
  const visits = groupVisits(labelled);
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
