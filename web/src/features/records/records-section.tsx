// « Consignations » on the case page: the case's records (what was done, when, by whom), grouped
// by type in the procedure's order, newest first in each group; a form to add one of the types
// the reader may write; corrections as new versions; meetings as calendar invitations; drafts
// approved by general direction. A record is never deleted.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { announceCaseChange } from '../timeline/case-changes';
import { mayApprove, type RecordJson, type RecordType, recordsApi, recordTypes, writableTypes } from './api';
import { RecordIcon } from './icons';
import { RecordForm } from './record-form';
import { RecordItem } from './record-item';

const newestFirst = (a: RecordJson, b: RecordJson) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function RecordsSection() {
  const { detail, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const caseId = detail.id;
  const [records, setRecords] = useState<RecordJson[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const writable = writableTypes(detail.viewer);
  const [type, setType] = useState<RecordType>(writable[0] ?? 'note');
  const [message, setMessage] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const typeSelect = useRef<HTMLSelectElement>(null);
  const closed = detail.status === 'closed';

  const load = useCallback(async () => {
    try {
      setRecords(await recordsApi.list(caseId));
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  function startAdding() {
    setAdding(true);
    setMessage(null);
    window.setTimeout(() => typeSelect.current?.focus(), 0);
  }

  function stopAdding() {
    setAdding(false);
    window.setTimeout(() => addButton.current?.focus(), 0);
  }

  async function saved(record: RecordJson, what: 'created' | 'updated' | 'approved') {
    setRecords((old) => [record, ...(old ?? []).filter((r) => r.id !== record.id)]);
    const heading = intl.formatMessage({ id: `records.type.${record.type}` });
    setMessage(intl.formatMessage({ id: `records.saved.${what}` }, { type: heading }));
    announceCaseChange(caseId);
    // An instigator brings steps 4.2.3 / 4.2.4; any record moves the case's "updated" time.
    void reload();
  }

  async function stale(record: RecordJson) {
    try {
      const fresh = await recordsApi.get(record.id);
      setRecords((old) => (old ?? []).map((r) => (r.id === fresh.id ? fresh : r)));
    } catch {
      await load();
    }
  }

  const instigators = (records ?? []).filter((r) => r.type === 'instigator');
  const groups = recordTypes
    .map((t) => ({ type: t, items: (records ?? []).filter((r) => r.type === t).sort(newestFirst) }))
    .filter((g) => g.items.length > 0);
  const canInvite = writable.includes('meeting');

  return (
    <Section id="consignations" title={<FormattedMessage id="records.title" />} intro={<FormattedMessage id="records.intro" />}>
      <div role="status" className="status-message">
        {message ? (
          <div className="alert alert--success">
            <p className="alert__title">{message}</p>
          </div>
        ) : null}
      </div>
      {loadError ? (
        <Alert kind="error" title={errorText(loadError)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void load()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}

      {writable.length > 0 && !closed ? (
        adding ? (
          <div className="form--boxed record-add">
            <p className="form__title">
              <FormattedMessage id="records.add.title" />
            </p>
            <div className="field">
              <label htmlFor={`${uid}-type`}>
                <FormattedMessage id="records.add.type" />
              </label>
              <select ref={typeSelect} id={`${uid}-type`} value={type} onChange={(e) => setType(e.target.value as RecordType)}>
                {writable.map((t) => (
                  <option key={t} value={t}>
                    {intl.formatMessage({ id: `records.type.${t}` })}
                  </option>
                ))}
              </select>
            </div>
            <RecordForm
              key={type}
              caseId={caseId}
              type={type}
              instigators={instigators}
              onSaved={async (record) => {
                await saved(record, 'created');
                stopAdding();
              }}
              onStale={load}
              onCancel={stopAdding}
            />
          </div>
        ) : (
          <p>
            <button ref={addButton} type="button" className="button" onClick={startAdding}>
              <FormattedMessage id="records.add.button" />
            </button>
          </p>
        )
      ) : null}
      {closed && writable.length > 0 ? (
        <p className="muted">
          <FormattedMessage id="records.closed" />
        </p>
      ) : null}

      {records && records.length === 0 ? (
        <p>
          <FormattedMessage id="records.none" />
        </p>
      ) : null}
      {!records && !loadError ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {groups.map((g) => (
        <div key={g.type} className="record-group" data-type={g.type}>
          <h3 className="record-group__title">
            <RecordIcon type={g.type} />
            <span>
              <FormattedMessage id={`records.group.${g.type}`} values={{ count: g.items.length }} />
            </span>
          </h3>
          <ul className="record-list">
            {g.items.map((r) => (
              <RecordItem
                key={r.id}
                record={r}
                caseId={caseId}
                instigators={instigators}
                participants={detail.participants}
                canApprove={mayApprove(detail.viewer)}
                canInvite={canInvite}
                closed={closed}
                onSaved={saved}
                onStale={stale}
              />
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
