// « Preuves » on the case page (DESIGN.md §3, step 4.1.1): the case's evidence, newest first,
// with captures followed live (GET /evidence/{id} every 1.5 s while queued or capturing), the
// actions to add some (capture a link, add files, add a link to the case) and the exports.
// A union representative without the staff member's consent sees no evidence: the server answers
// 404 for the list, and the panel says why.
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import type { CaseDetail } from '../cases/api';
import { useCase } from '../cases/case-context';
import { announceCaseChange } from '../timeline/case-changes';
import { type Evidence, evidenceApi, evidencePaths, exportFormats, isFinal } from './api';
import { EvidenceItem } from './evidence-item';
import { UploadForm } from './upload-form';
import { UrlForm } from './url-forms';

const POLL_MS = 1500;

type Viewer = CaseDetail['viewer'];
type Action = 'capture' | 'upload' | 'location';

/** Mirrors src/domain/evidence/access.ts (the server checks again). */
export function mayAddEvidence(viewer: Viewer): boolean {
  return viewer.access === 'affected' || viewer.access === 'participant';
}

export function mayExport(viewer: Viewer): boolean {
  return viewer.access === 'affected' || (viewer.access === 'participant' && viewer.roles.some((r) => r !== 'union'));
}

const unionOnly = (viewer: Viewer) =>
  viewer.access === 'participant' && viewer.roles.length > 0 && viewer.roles.every((r) => r === 'union');

// Newest first; the sort is stable, so items created in the same instant keep the order given.
const newestFirst = (a: Evidence, b: Evidence) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function EvidenceSection() {
  const { detail, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const caseId = detail.id;
  const [items, setItems] = useState<Evidence[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [open, setOpen] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const toggles = useRef<Partial<Record<Action, HTMLButtonElement | null>>>({});
  const generation = useRef(0);

  // The case JSON lists each evidence's status: when it changes (a capture ended, a link was
  // added elsewhere on the page), read the list again.
  const summaryKey = detail.evidence.map((e) => `${e.id}:${e.status}`).join(',');

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const list = await evidenceApi.list(caseId);
      if (mine === generation.current) {
        // The API lists oldest first.
        setItems([...list].reverse().sort(newestFirst));
        setLoadError(null);
      }
    } catch (error) {
      if (mine === generation.current) setLoadError(error);
    }
  }, [caseId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: summaryKey is the reason to read again
  useEffect(() => {
    void load();
  }, [load, summaryKey]);

  const put = useCallback((evidence: Evidence) => {
    setItems((old) => [evidence, ...(old ?? []).filter((e) => e.id !== evidence.id)].sort(newestFirst));
  }, []);

  // Follow the captures still running, one request per evidence and round.
  const pendingIds = (items ?? [])
    .filter((e) => !isFinal(e))
    .map((e) => e.id)
    .join(',');
  useEffect(() => {
    if (!pendingIds) return;
    let stopped = false;
    let timer: number | undefined;
    const round = async () => {
      let ended = false;
      for (const id of pendingIds.split(',')) {
        try {
          const fresh = await evidenceApi.get(id);
          if (stopped) return;
          put(fresh);
          if (isFinal(fresh)) ended = true;
        } catch {
          // A lost answer: the next round asks again.
        }
      }
      if (stopped) return;
      if (ended) {
        // The links' « Preuve conservée », step 4.1.1 and the timeline follow the case.
        void reload();
        announceCaseChange(caseId);
      }
      timer = window.setTimeout(() => void round(), POLL_MS);
    };
    timer = window.setTimeout(() => void round(), POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [pendingIds, put, reload, caseId]);

  function toggle(action: Action) {
    setMessage(null);
    setOpen((current) => (current === action ? null : action));
  }

  function close(action: Action) {
    setOpen(null);
    window.setTimeout(() => toggles.current[action]?.focus(), 0);
  }

  async function capture(url: string) {
    const { evidenceId } = await evidenceApi.capture(caseId, url);
    put(await evidenceApi.get(evidenceId));
    setMessage(intl.formatMessage({ id: 'evidence.capture.queued' }));
    close('capture');
    announceCaseChange(caseId);
  }

  async function addLocation(url: string) {
    const { evidenceId } = await evidenceApi.addLocation(caseId, url);
    if (evidenceId) put(await evidenceApi.get(evidenceId));
    setMessage(intl.formatMessage({ id: evidenceId ? 'evidence.location.added' : 'evidence.location.addedNoCapture' }));
    close('location');
    void reload();
    announceCaseChange(caseId);
  }

  const viewer = detail.viewer;
  const closed = detail.status === 'closed';
  const canAdd = mayAddEvidence(viewer) && !loadError;
  const hidden = isApiError(loadError, 'not_found');

  return (
    <Section id="preuves" title={<FormattedMessage id="evidence.title" />} intro={<FormattedMessage id="evidence.intro" />}>
      <div role="status" className="status-message">
        {message ? (
          <div className="alert alert--success">
            <p className="alert__title">{message}</p>
          </div>
        ) : null}
      </div>

      {hidden ? (
        <Alert kind="info" title={intl.formatMessage({ id: unionOnly(viewer) ? 'evidence.hidden.union' : 'evidence.hidden.other' })} />
      ) : loadError ? (
        <Alert kind="error" title={errorText(loadError)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void load()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}

      {canAdd && closed ? (
        <p className="muted">
          <FormattedMessage id="evidence.closed" />
        </p>
      ) : null}
      {canAdd && !closed ? (
        <>
          <div className="toolbar evidence-actions">
            {(['capture', 'upload', 'location'] as const).map((action) => (
              <button
                key={action}
                ref={(el) => {
                  toggles.current[action] = el;
                }}
                type="button"
                className={open === action ? 'button' : 'button button--secondary'}
                aria-expanded={open === action}
                onClick={() => toggle(action)}
              >
                <FormattedMessage id={`evidence.action.${action}`} />
              </button>
            ))}
          </div>
          {open === 'capture' ? <UrlForm mode="capture" onSubmit={capture} onCancel={() => close('capture')} /> : null}
          {open === 'location' ? <UrlForm mode="location" onSubmit={addLocation} onCancel={() => close('location')} /> : null}
          {open === 'upload' ? (
            <UploadForm
              caseId={caseId}
              onUploaded={(evidence) => {
                put(evidence);
                void reload();
                announceCaseChange(caseId);
              }}
              onCancel={() => close('upload')}
            />
          ) : null}
        </>
      ) : null}

      {items && items.length === 0 ? (
        <p>
          <FormattedMessage id="evidence.none" />
        </p>
      ) : null}
      {!items && !loadError ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="evidence-list" aria-label={intl.formatMessage({ id: 'evidence.list.label' }, { count: items.length })}>
          {items.map((e) => (
            <EvidenceItem key={e.id} evidence={e} canRetry={canAdd && !closed} onChanged={put} />
          ))}
        </ul>
      ) : null}

      {mayExport(viewer) && !hidden ? (
        <div className="evidence-exports">
          <h3 className="card__subtitle">
            <FormattedMessage id="evidence.export.title" />
          </h3>
          <ul className="evidence-exports__list">
            {exportFormats.map((format) => (
              <li key={format}>
                <a
                  className="button button--secondary"
                  href={evidencePaths.export(caseId, format, intl.locale === 'en' ? 'en' : 'fr-CA')}
                  download
                >
                  <FormattedMessage id={`evidence.export.${format}`} />
                </a>
                <p className="field__hint">
                  <FormattedMessage id={`evidence.export.${format}.hint`} />
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}
