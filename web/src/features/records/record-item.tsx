// One record on the case page: what it says in plain words, who wrote it and when, its version,
// and what can be done with it — correct it (a new version), a meeting's calendar file and
// invitation, a communication draft's versions and its approval by general direction (4.5.1).
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import type { CaseDetail } from '../cases/api';
import { type RecordJson, type RecordVersion, recordPaths, recordsApi } from './api';
import { downloadInLanguage } from './download';
import { MeetingInvite } from './meeting-invite';
import { instigatorLabel, RecordForm } from './record-form';

type Participant = CaseDetail['participants'][number];

/** A civil date (YYYY-MM-DD) in words, without any time-zone shift. */
function CivilDate({ value }: { value: string }) {
  const intl = useIntl();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return <>{value}</>;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return <time dateTime={value}>{intl.formatDate(date, { dateStyle: 'long', timeZone: 'UTC' })}</time>;
}

function Fact({ labelId, children }: { labelId: string; children: ReactNode }) {
  return (
    <div>
      <dt>
        <FormattedMessage id={labelId} />
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

function Facts({ record, instigators }: { record: RecordJson; instigators: readonly RecordJson[] }) {
  const intl = useIntl();
  switch (record.type) {
    case 'meeting': {
      const d = record.data;
      const withWhom = d.withInstigator ? instigators.find((r) => r.id === d.withInstigator) : undefined;
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.meeting.occurredAt">
            <DateTime value={d.occurredAt} />
          </Fact>
          <Fact labelId="records.field.meeting.eapReminderGiven">
            <span className={d.eapReminderGiven ? 'eap eap--yes' : 'eap eap--no'}>
              <span aria-hidden="true">{d.eapReminderGiven ? '✔ ' : '✗ '}</span>
              <FormattedMessage id={d.eapReminderGiven ? 'records.meeting.eap.yes' : 'records.meeting.eap.no'} />
            </span>
          </Fact>
          {d.attendees.length > 0 ? (
            <Fact labelId="records.field.meeting.attendees">
              <ul className="record__attendees">
                {d.attendees.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: names as typed, possibly repeated
                  <li key={i}>{a}</li>
                ))}
              </ul>
            </Fact>
          ) : null}
          {d.location ? <Fact labelId="records.field.meeting.location">{d.location}</Fact> : null}
          {withWhom ? <Fact labelId="records.field.meeting.withInstigator">{instigatorLabel(withWhom, intl.formatMessage)}</Fact> : null}
          {d.outcome ? (
            <Fact labelId="records.field.meeting.outcome">
              <span className="record__text">{d.outcome}</span>
            </Fact>
          ) : null}
        </dl>
      );
    }
    case 'instigator': {
      const d = record.data;
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.instigator.kind">
            <FormattedMessage id={`records.instigatorKind.${d.kind}`} />
          </Fact>
          {d.name ? <Fact labelId="records.field.instigator.name">{d.name}</Fact> : null}
          {d.relation ? <Fact labelId="records.field.instigator.relation">{d.relation}</Fact> : null}
        </dl>
      );
    }
    case 'parent_contact':
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.parent_contact.occurredAt">
            <DateTime value={record.data.occurredAt} />
          </Fact>
          <Fact labelId="records.field.parent_contact.means">
            <FormattedMessage id={`records.means.${record.data.means}`} />
          </Fact>
          <Fact labelId="records.field.parent_contact.summary">
            <span className="record__text">{record.data.summary}</span>
          </Fact>
        </dl>
      );
    case 'police_report': {
      const d = record.data;
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.police_report.service">{d.service}</Fact>
          {d.fileNumber ? <Fact labelId="records.field.police_report.fileNumber">{d.fileNumber}</Fact> : null}
          {d.officer ? <Fact labelId="records.field.police_report.officer">{d.officer}</Fact> : null}
          <Fact labelId="records.field.police_report.reportedAt">
            <CivilDate value={d.reportedAt} />
          </Fact>
        </dl>
      );
    }
    case 'legal_consultation':
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.legal_consultation.counsel">{record.data.counsel}</Fact>
          <Fact labelId="records.field.legal_consultation.occurredAt">
            <DateTime value={record.data.occurredAt} />
          </Fact>
          <Fact labelId="records.field.legal_consultation.summary">
            <span className="record__text">{record.data.summary}</span>
          </Fact>
        </dl>
      );
    case 'communication_draft':
      return (
        <dl className="facts record__facts">
          <Fact labelId="records.field.communication_draft.audience">
            <FormattedMessage id={`records.audience.${record.data.audience}`} />
          </Fact>
          <Fact labelId="records.field.communication_draft.body">
            <span className="record__text">{record.data.body}</span>
          </Fact>
        </dl>
      );
    case 'note':
      return <p className="record__text">{record.data.text}</p>;
  }
}

/** The record's heading: what it is, at a glance. */
export function recordHeading(record: RecordJson, intl: ReturnType<typeof useIntl>): string {
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  switch (record.type) {
    case 'meeting':
      return intl.formatMessage({ id: 'records.heading.meeting' }, { when: when(record.data.occurredAt) });
    case 'instigator':
      return instigatorLabel(record, intl.formatMessage);
    case 'parent_contact':
      return intl.formatMessage(
        { id: 'records.heading.parent_contact' },
        { means: intl.formatMessage({ id: `records.means.${record.data.means}` }), when: when(record.data.occurredAt) },
      );
    case 'police_report':
      return intl.formatMessage(
        { id: 'records.heading.police_report' },
        { service: record.data.service, fileNumber: record.data.fileNumber ?? '' },
      );
    case 'legal_consultation':
      return intl.formatMessage(
        { id: 'records.heading.legal_consultation' },
        { counsel: record.data.counsel, when: when(record.data.occurredAt) },
      );
    case 'communication_draft':
      return record.data.title;
    case 'note':
      return intl.formatMessage({ id: record.private ? 'records.heading.privateNote' : 'records.heading.note' });
  }
}

function DraftVersions({ record, onClose }: { record: RecordJson; onClose(): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [versions, setVersions] = useState<RecordVersion[] | undefined>();
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    recordsApi.versions(record.id).then(
      (list) => {
        if (live) setVersions(list);
      },
      (caught) => {
        if (live) setError(caught);
      },
    );
    heading.current?.focus();
    return () => {
      live = false;
    };
  }, [record.id]);
  return (
    <div className="record__versions">
      <h5 ref={heading} tabIndex={-1} className="record__subtitle">
        <FormattedMessage id="records.draft.versions" />
      </h5>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      {!versions && !error ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {versions ? (
        <ol className="version-list" reversed>
          {[...versions].reverse().map((v) => {
            const data = v.data as { title?: string; body?: string; audience?: string };
            return (
              <li key={v.version} className="version-list__item">
                <p className="version-list__head">
                  <strong>
                    <FormattedMessage id="records.version" values={{ version: v.version }} />
                  </strong>{' '}
                  {v.approved ? (
                    <span className="approved-badge">
                      <FormattedMessage id="records.draft.approvedShort" />
                    </span>
                  ) : null}
                </p>
                <p className="item-list__meta">
                  <FormattedMessage
                    id="records.byOn"
                    values={{ name: v.authorName ?? intl.formatMessage({ id: 'records.someone' }), when: <DateTime value={v.createdAt} /> }}
                  />
                </p>
                {data.title ? <p className="version-list__title">{data.title}</p> : null}
                {data.body ? <p className="record__text version-list__body">{data.body}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <button type="button" className="button button--ghost button--small" onClick={onClose}>
        <FormattedMessage id="records.draft.hideVersions" />
      </button>
    </div>
  );
}

type Mode = 'view' | 'edit' | 'invite' | 'versions';

export function RecordItem({
  record,
  caseId,
  instigators,
  participants,
  canApprove,
  canInvite,
  closed,
  onSaved,
  onStale,
}: {
  record: RecordJson;
  caseId: string;
  instigators: readonly RecordJson[];
  participants: readonly Participant[];
  canApprove: boolean;
  /** The reader may write meetings (and so send their invitations). */
  canInvite: boolean;
  closed: boolean;
  onSaved(record: RecordJson, what: 'updated' | 'approved'): void | Promise<void>;
  onStale(record: RecordJson): Promise<void>;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const inviteButton = useRef<HTMLButtonElement>(null);
  const versionsButton = useRef<HTMLButtonElement>(null);
  const heading = recordHeading(record, intl);

  /** Back to reading; focus returns to the button that opened what closes. */
  function back() {
    const from = mode;
    setMode('view');
    const button = from === 'invite' ? inviteButton : from === 'versions' ? versionsButton : editButton;
    window.setTimeout(() => button.current?.focus(), 0);
  }

  async function downloadIcs() {
    setError(null);
    try {
      await downloadInLanguage(recordPaths.ics(record.id), intl.locale, 'rencontre.ics');
    } catch (caught) {
      setError(caught);
    }
  }

  async function approve() {
    if (record.type !== 'communication_draft') return;
    setBusy(true);
    setError(null);
    try {
      await onSaved(await recordsApi.approve(record.id, record.version), 'approved');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`record record--${record.type}`} data-record-id={record.id} data-type={record.type}>
      <h4 className="record__title break">{heading}</h4>
      <p className="item-list__meta record__meta">
        <FormattedMessage
          id="records.byOn"
          values={{ name: record.authorName ?? intl.formatMessage({ id: 'records.someone' }), when: <DateTime value={record.createdAt} /> }}
        />
        {record.version > 1 ? (
          <>
            {' · '}
            <FormattedMessage id="records.corrected" values={{ version: record.version, when: <DateTime value={record.updatedAt} /> }} />
          </>
        ) : null}
        {record.private ? (
          <>
            {' · '}
            <span className="private-badge">
              <FormattedMessage id="records.private" />
            </span>
          </>
        ) : null}
      </p>
      {record.type === 'communication_draft' ? (
        <p className="record__approval">
          {record.approved ? (
            <span className="approved-badge">
              <span aria-hidden="true">✔ </span>
              <FormattedMessage
                id="records.draft.approved"
                values={{
                  version: record.approval?.version ?? record.version,
                  name: record.approval?.approvedByName ?? intl.formatMessage({ id: 'records.someone' }),
                  when: record.approval ? <DateTime value={record.approval.approvedAt} /> : '',
                }}
              />
            </span>
          ) : record.approval ? (
            <span className="pending-badge">
              <FormattedMessage
                id="records.draft.approvedEarlier"
                values={{ approved: record.approval.version, current: record.version }}
              />
            </span>
          ) : (
            <span className="pending-badge">
              <FormattedMessage id="records.draft.notApproved" />
            </span>
          )}
        </p>
      ) : null}

      {mode === 'edit' ? (
        <RecordForm
          caseId={caseId}
          type={record.type}
          record={record}
          instigators={instigators}
          onSaved={async (saved) => {
            await onSaved(saved, 'updated');
            back();
          }}
          onStale={() => onStale(record)}
          onCancel={back}
        />
      ) : (
        <Facts record={record} instigators={instigators} />
      )}

      {error ? <Alert kind="error" title={errorText(error)} /> : null}

      {mode !== 'edit' ? (
        <div className="record__actions">
          {record.canEdit && !closed ? (
            <button ref={editButton} type="button" className="button button--secondary button--small" onClick={() => setMode('edit')}>
              <FormattedMessage id="records.edit" />
              <span className="visually-hidden"> {heading}</span>
            </button>
          ) : null}
          {record.type === 'meeting' ? (
            <>
              <button type="button" className="button button--secondary button--small" onClick={() => void downloadIcs()}>
                <FormattedMessage id="records.meeting.ics" />
              </button>
              {canInvite && !closed ? (
                <button
                  ref={inviteButton}
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={mode === 'invite'}
                  onClick={() => setMode(mode === 'invite' ? 'view' : 'invite')}
                >
                  <FormattedMessage id="records.meeting.invite" />
                </button>
              ) : null}
            </>
          ) : null}
          {record.type === 'communication_draft' ? (
            <>
              <button
                ref={versionsButton}
                type="button"
                className="button button--secondary button--small"
                aria-expanded={mode === 'versions'}
                onClick={() => setMode(mode === 'versions' ? 'view' : 'versions')}
              >
                <FormattedMessage id="records.draft.showVersions" />
              </button>
              {canApprove && !record.approved ? (
                <button type="button" className="button button--small" disabled={busy} onClick={() => void approve()}>
                  <FormattedMessage id="records.draft.approve" values={{ version: record.version }} />
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      {mode === 'invite' && record.type === 'meeting' ? <MeetingInvite record={record} participants={participants} onClose={back} /> : null}
      {mode === 'versions' ? <DraftVersions record={record} onClose={back} /> : null}
    </li>
  );
}
