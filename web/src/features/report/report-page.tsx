// "Signaler une situation" (/signaler): the staff member's first action, on a phone, frightened.
// One screen; only "Que se passe-t-il ?" is required. Links (pasted, checked as http(s)), when,
// what applies (flags, in plain words) and who is behind it are optional. Sent with an
// Idempotency-Key made when the form opens and kept on every retry: a double tap or a retry after
// a lost answer never opens two cases. Then the calm confirmation page.
//
// From the installed phone app (docs/phone-app.md, web/src/features/offline/): a share from
// another app pre-fills the form (?partage=…), photos and files can be attached (hashed on the
// device, uploaded as evidence once the case exists), the report can go to an existing case, and
// without network it is kept on the device, encrypted, and sent by itself later.
//
// Reporting FOR someone else (supervisor, HR, general direction: `affectedPersonId`) needs a
// person picker; there is no person search for non-admins in the API yet, so this form reports
// for the signed-in person only.
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { type FlagName, flagNames, casePaths, casesApi, type InstigatorKind, instigatorKinds, type OpenCaseBody } from '../cases/api';
import { Attachments } from '../offline/attachments';
import { CaseTarget, type CaseTargetValue } from '../offline/case-target';
import { pendingPath } from '../offline/paths';
import { type Attachment, queueReport } from '../offline/queue';
import { deviceQueueAvailable, sendReport } from '../offline/send-report';
import type { DeliveryStep, Progress } from '../offline/sender';
import { ShareNoticeAlert } from '../offline/share-notice';
import { useShare } from '../offline/use-share';
import { Page } from '../shell/page';
import { newIdempotencyKey } from './idempotency-key';
import { LinkList, MAX_LINKS, parseLinks } from './link-list';

const noFlags: Record<FlagName, boolean> = {
  illegalOrSerious: false,
  studentInvolved: false,
  staffInvolved: false,
  publicExposure: false,
  accountCompromised: false,
};

/** `2026-11-27T14:05` (the field's format) for a moment, in the browser's own time. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export default function ReportPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const errorText = useErrorText();
  // Made once, when the form opens; every retry of this form sends the same key.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [summary, setSummary] = useState('');
  const [links, setLinks] = useState<string[]>([]);
  const [linkDraft, setLinkDraft] = useState('');
  const [linkError, setLinkError] = useState<string | undefined>();
  const [when, setWhen] = useState('');
  const [flags, setFlags] = useState(noFlags);
  const [instigator, setInstigator] = useState<InstigatorKind | ''>('');
  const [summaryMissing, setSummaryMissing] = useState(false);
  const [whenError, setWhenError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const summaryInput = useRef<HTMLTextAreaElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const whenInput = useRef<HTMLInputElement>(null);
  const [maxWhen] = useState(() => localInputValue(new Date()));
  const me = useMe();
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [target, setTarget] = useState<CaseTargetValue>({ kind: 'new' });
  const [step, setStep] = useState<DeliveryStep | undefined>();
  const memory = useRef<{ progress?: Progress }>({});
  const lastBody = useRef<OpenCaseBody | undefined>(undefined);
  const existing = target.kind === 'existing';
  // What another app shared into this one (Android share sheet → /partager → here).
  const share = useShare((prefill) => {
    if (prefill.summary) setSummary((old) => old || prefill.summary);
    if (prefill.links.length > 0) setLinks((old) => [...old, ...prefill.links.filter((l) => !old.includes(l))].slice(0, MAX_LINKS));
    if (prefill.attachments.length > 0)
      setAttachments((old) => [...old, ...prefill.attachments.filter((a) => !old.some((o) => o.id === a.id))]);
  });

  /** Adds the links in the field; false (and an error) when something there is not a link. */
  function addDraft(): { ok: boolean; added: string[] } {
    const text = linkDraft.trim();
    if (!text) {
      setLinkError(undefined);
      return { ok: true, added: [] };
    }
    const { good, bad } = parseLinks(text);
    const fresh = good.filter((l) => !links.includes(l)).slice(0, Math.max(0, MAX_LINKS - links.length));
    if (fresh.length > 0) setLinks((old) => [...old, ...fresh]);
    if (bad.length > 0) {
      setLinkDraft(bad.join(' '));
      setLinkError(intl.formatMessage({ id: 'report.links.invalid' }));
      linkInput.current?.focus();
      return { ok: false, added: fresh };
    }
    setLinkDraft('');
    setLinkError(undefined);
    return { ok: true, added: fresh };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A second tap while the first is on its way does nothing (and the key would replay anyway).
    if (sending.current) return;
    setError(null);
    // A link typed but not added yet is part of the report.
    const drafted = addDraft();
    // Adding to an existing case needs a link or a file; the text is then an optional comment.
    const missing = existing ? links.length + drafted.added.length + attachments.length === 0 : !summary.trim();
    setSummaryMissing(missing);
    let occurredAt: string | undefined;
    let badWhen: string | undefined;
    if (when) {
      const date = new Date(when);
      if (Number.isNaN(date.getTime())) badWhen = intl.formatMessage({ id: 'report.when.invalid' });
      else if (date.getTime() > Date.now() + 5 * 60_000) badWhen = intl.formatMessage({ id: 'report.when.future' });
      else occurredAt = date.toISOString();
    }
    setWhenError(badWhen);
    if (missing) return summaryInput.current?.focus();
    if (!drafted.ok) return linkInput.current?.focus();
    if (badWhen) return whenInput.current?.focus();

    const urls = [...links, ...drafted.added];
    const chosenFlags = Object.fromEntries(flagNames.filter((f) => flags[f]).map((f) => [f, true]));
    const body: OpenCaseBody = {
      summary: summary.trim(),
      ...(urls.length > 0 ? { urls } : {}),
      ...(occurredAt ? { occurredAt } : {}),
      ...(Object.keys(chosenFlags).length > 0 ? { flags: chosenFlags } : {}),
      ...(instigator ? { instigators: [{ kind: instigator }] } : {}),
    };
    setBusy(true);
    sending.current = true;
    lastBody.current = body;
    if (existing || attachments.length > 0 || !navigator.onLine) {
      // Files, an existing case or no network: through the device's queue (offline/send-report.ts).
      const outcome = await sendReport({
        owner: me.id,
        report: {
          target: existing
            ? { kind: 'existing', caseId: target.caseId, reference: target.reference, urls }
            : { kind: 'new', body, idempotencyKey },
          locale: intl.locale,
          ...(existing && summary.trim() ? { comment: summary.trim() } : {}),
          ...(urls.length === 1 && attachments.some((a) => a.origin === 'share') ? { sourceUrl: urls[0] } : {}),
        },
        attachments,
        shareId: share.shareId,
        memory: memory.current,
        onStep: setStep,
      }).catch((caught: unknown) => ({ kind: 'error' as const, error: caught }));
      setStep(undefined);
      if (outcome.kind === 'sent' && outcome.target === 'new') return navigate(`/signaler/envoye/${encodeURIComponent(outcome.caseId)}`);
      if (outcome.kind === 'sent') return navigate(casePaths.case(outcome.caseId));
      if (outcome.kind === 'queued') return navigate(pendingPath, { state: { queued: outcome.id } });
      sending.current = false;
      setBusy(false);
      setError(outcome.error);
      return;
    }
    try {
      const created = await casesApi.open(body, idempotencyKey);
      navigate(`/signaler/envoye/${encodeURIComponent(created.id)}`, { state: { created } });
    } catch (caught) {
      sending.current = false;
      setError(caught);
      setBusy(false);
      if (fieldError(caught, 'summary')) summaryInput.current?.focus();
      else if (isApiError(caught, 'invalid_input') && caught.fields.some((f) => f.path.startsWith('urls'))) linkInput.current?.focus();
      else if (fieldError(caught, 'occurredAt')) whenInput.current?.focus();
    }
  }

  const serverLinkError = isApiError(error, 'invalid_input') ? error.fields.find((f) => f.path.startsWith('urls'))?.message : undefined;
  const summaryError = summaryMissing ? intl.formatMessage({ id: 'report.summary.required' }) : fieldError(error, 'summary');
  const shownWhenError = whenError ?? fieldError(error, 'occurredAt');
  const fieldsExplained = Boolean(summaryError || serverLinkError || shownWhenError);
  const canKeep = deviceQueueAvailable() && !existing && attachments.length === 0 && lastBody.current;

  /** After a failed sending: keep it on the device and let it leave by itself (same key). */
  async function keepForLater() {
    const body = lastBody.current;
    if (!body) return;
    const id = await queueReport(me.id, { target: { kind: 'new', body, idempotencyKey }, locale: intl.locale }, []);
    navigate(pendingPath, { state: { queued: id } });
  }

  let formError: { title: string; body?: ReactNode } | undefined;
  if (error && !fieldsExplained) {
    if (isApiError(error, 'network') || isApiError(error, 'internal') || isApiError(error, 'unexpected')) {
      formError = {
        title: intl.formatMessage({ id: 'report.error.notSent' }),
        body: (
          <>
            <p>
              <FormattedMessage id="report.error.retrySafe" />
            </p>
            {canKeep ? (
              <button type="button" className="button button--secondary" onClick={() => void keepForLater()}>
                <FormattedMessage id="app.report.keepForLater" />
              </button>
            ) : null}
          </>
        ),
      };
    } else if (isApiError(error, 'conflict')) {
      formError = {
        title: intl.formatMessage({ id: 'report.error.alreadyReceived' }),
        body: (
          <Link to={casePaths.list}>
            <FormattedMessage id="report.error.seeCases" />
          </Link>
        ),
      };
    } else {
      formError = { title: errorText(error) };
    }
  }

  return (
    <Page title={intl.formatMessage({ id: 'report.title' })} intro={<FormattedMessage id="report.intro" />} narrow>
      {share.notice ? <ShareNoticeAlert notice={share.notice} /> : null}
      {formError ? (
        <Alert kind="error" title={formError.title}>
          {formError.body}
        </Alert>
      ) : null}
      {/* Adding to an existing case: the new-case questions (flags, when, who) are hidden. */}
      <form noValidate className={`form report-form${existing ? ' report-form--existing' : ''}`} onSubmit={(e) => void submit(e)}>
        <div className={`field${summaryError ? ' field--invalid' : ''}`}>
          <label htmlFor="report-summary" className="report-form__main-label">
            <FormattedMessage id={existing ? 'app.report.commentLabel' : 'report.summary.label'} />
          </label>
          <p className="field__hint" id="report-summary-hint">
            <FormattedMessage id={existing ? 'app.report.commentHint' : 'report.summary.hint'} />
          </p>
          {summaryError ? (
            <p className="field__error" id="report-summary-error">
              {summaryError}
            </p>
          ) : null}
          <textarea
            ref={summaryInput}
            id="report-summary"
            name="summary"
            rows={6}
            maxLength={20000}
            required={!existing}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-invalid={summaryError ? true : undefined}
            aria-describedby={summaryError ? 'report-summary-hint report-summary-error' : 'report-summary-hint'}
          />
        </div>

        <LinkList
          links={links}
          draft={linkDraft}
          error={linkError ?? serverLinkError}
          onDraftChange={(value) => {
            setLinkDraft(value);
            if (linkError) setLinkError(undefined);
          }}
          onAdd={() => addDraft().ok}
          onRemove={(index) => setLinks((old) => old.filter((_, i) => i !== index))}
          inputRef={linkInput}
        />

        <Attachments
          attachments={attachments}
          onAdd={(added) => setAttachments((old) => [...old, ...added])}
          onRemove={(id) => setAttachments((old) => old.filter((a) => a.id !== id))}
          disabled={busy}
        />
        <CaseTarget value={target} onChange={setTarget} disabled={busy} />

        <fieldset className="choices report-flags">
          <legend>
            <FormattedMessage id="report.flags.legend" />
          </legend>
          {flagNames.map((flag) => (
            <label key={flag} className="choice">
              <input
                type="checkbox"
                name={flag}
                checked={flags[flag]}
                onChange={(e) => setFlags((old) => ({ ...old, [flag]: e.target.checked }))}
              />
              <span>
                <FormattedMessage id={`report.flag.${flag}`} />
              </span>
            </label>
          ))}
        </fieldset>
        {flags.illegalOrSerious ? (
          <Alert kind="warning" title={intl.formatMessage({ id: 'report.flags.dangerTitle' })}>
            <p>
              <FormattedMessage
                id="report.flags.danger"
                values={{
                  emergency: (chunks: ReactNode[]) => <a href="tel:911">{chunks}</a>,
                  sq: (chunks: ReactNode[]) => <a href="tel:310-4141">{chunks}</a>,
                }}
              />
            </p>
          </Alert>
        ) : null}

        <div className={`field report-when${shownWhenError ? ' field--invalid' : ''}`}>
          <label htmlFor="report-when">
            <FormattedMessage id="report.when.label" />
          </label>
          <p className="field__hint" id="report-when-hint">
            <FormattedMessage id="report.when.hint" />
          </p>
          {shownWhenError ? (
            <p className="field__error" id="report-when-error">
              {shownWhenError}
            </p>
          ) : null}
          <input
            ref={whenInput}
            id="report-when"
            type="datetime-local"
            max={maxWhen}
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            aria-invalid={shownWhenError ? true : undefined}
            aria-describedby={shownWhenError ? 'report-when-hint report-when-error' : 'report-when-hint'}
          />
        </div>

        <fieldset className="choices report-instigator">
          <legend>
            <FormattedMessage id="report.instigator.legend" />
          </legend>
          <label className="choice">
            <input type="radio" name="instigator" value="" checked={instigator === ''} onChange={() => setInstigator('')} />
            <span>
              <FormattedMessage id="report.instigator.none" />
            </span>
          </label>
          {instigatorKinds.map((kind) => (
            <label key={kind} className="choice">
              <input type="radio" name="instigator" value={kind} checked={instigator === kind} onChange={() => setInstigator(kind)} />
              <span>
                <FormattedMessage id={`report.instigator.${kind}`} />
              </span>
            </label>
          ))}
        </fieldset>

        <div className="form__actions report-form__send">
          <button type="submit" className="button button--primary button--large" disabled={busy} aria-describedby="report-send-hint">
            {step?.step === 'file' ? (
              <FormattedMessage id="app.report.sendingFile" values={{ index: step.index + 1, total: step.total }} />
            ) : (
              <FormattedMessage id={busy ? 'report.sending' : existing ? 'app.report.sendToCase' : 'report.send'} />
            )}
          </button>
          <p className="field__hint" id="report-send-hint">
            <FormattedMessage id={existing ? 'app.report.sendToCaseHint' : 'report.sendHint'} />
          </p>
        </div>
      </form>
    </Page>
  );
}
