// « Chronologie » on the case page: everything that happened on the case (GET /cases/{id}/timeline
// — Ledger entries, dated records, reminders and escalations with who was told), each entry with
// its time (organisation's time zone), who did it and the server's sentence in the reader's
// language. Newest or oldest first; filtered by kind. Read again whenever the case or another
// panel changes something.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { zoneName } from '../records/zoned-time';
import {
  fallbackKey,
  isDownload,
  matches,
  type Timeline,
  type TimelineEntry,
  type TimelineFilter,
  timelineApi,
  timelineFilters,
} from './api';
import { useCaseChanges } from './case-changes';

const PAGE = 25;

export function TimelineSection() {
  const { detail } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const caseId = detail.id;
  const [timeline, setTimeline] = useState<Timeline | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<TimelineFilter>('all');
  const [order, setOrder] = useState<'newest' | 'oldest'>('newest');
  const [shown, setShown] = useState(PAGE);
  const [downloads, setDownloads] = useState(false);
  const generation = useRef(0);
  const list = useRef<HTMLOListElement>(null);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const fresh = await timelineApi.get(caseId);
      if (mine === generation.current) {
        setTimeline(fresh);
        setError(null);
      }
    } catch (caught) {
      if (mine === generation.current) setError(caught);
    }
  }, [caseId]);

  // The case was read again (a task done, a status changed, a capture ended…): so is its story.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `detail` is the reason to read again
  useEffect(() => {
    void load();
  }, [load, detail]);
  useCaseChanges(caseId, () => void load());

  const all = timeline?.items ?? [];
  const downloadCount = all.filter(isDownload).length;
  const items = all.filter((e) => matches(e, filter) && (downloads || !isDownload(e)));
  const textOf = (e: TimelineEntry) => {
    const key = fallbackKey(e);
    return key
      ? intl.formatMessage({ id: `timeline.fallback.${key}` }, { actor: e.actor?.name || intl.formatMessage({ id: 'timeline.system' }) })
      : e.text;
  };
  const ordered = order === 'newest' ? [...items].reverse() : items;
  const visible = ordered.slice(0, shown);

  function showMore() {
    const from = visible.length;
    setShown((n) => n + PAGE);
    // Focus the first new entry, so the keyboard continues where the reader was.
    window.setTimeout(() => list.current?.querySelectorAll<HTMLElement>('li')[from]?.focus(), 0);
  }

  return (
    <Section
      id="chronologie"
      title={<FormattedMessage id="timeline.title" />}
      intro={<FormattedMessage id="timeline.intro" values={{ zone: zoneName(intl.timeZone, intl.locale) }} />}
    >
      <div className="timeline-controls">
        <fieldset className="choices timeline-controls__group">
          <legend>
            <FormattedMessage id="timeline.filter.legend" />
          </legend>
          <div className="segmented">
            {timelineFilters.map((f) => (
              <label key={f} className="choice">
                <input
                  type="radio"
                  name={`${uid}-filter`}
                  value={f}
                  checked={filter === f}
                  onChange={() => {
                    setFilter(f);
                    setShown(PAGE);
                  }}
                />
                <span>
                  <FormattedMessage id={`timeline.filter.${f}`} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="choices timeline-controls__group">
          <legend>
            <FormattedMessage id="timeline.order.legend" />
          </legend>
          <div className="segmented">
            {(['newest', 'oldest'] as const).map((o) => (
              <label key={o} className="choice">
                <input type="radio" name={`${uid}-order`} value={o} checked={order === o} onChange={() => setOrder(o)} />
                <span>
                  <FormattedMessage id={`timeline.order.${o}`} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {downloadCount > 0 ? (
        <label className="choice timeline-controls__downloads">
          <input type="checkbox" checked={downloads} onChange={(e) => setDownloads(e.target.checked)} />
          <span>
            <FormattedMessage id="timeline.downloads" values={{ count: downloadCount }} />
          </span>
        </label>
      ) : null}

      {error ? (
        <Alert kind="error" title={errorText(error)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void load()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}
      {!timeline && !error ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {timeline ? (
        <p className="timeline__count" role="status">
          <FormattedMessage id="timeline.count" values={{ count: items.length }} />
        </p>
      ) : null}
      {timeline?.truncated && order === 'oldest' ? (
        <p className="muted">
          <FormattedMessage id="timeline.truncated" />
        </p>
      ) : null}
      {visible.length > 0 ? (
        <ol ref={list} className="timeline">
          {visible.map((e) => (
            <li
              key={`${e.seq ?? 'r'}-${e.recordId ?? ''}-${e.at}-${e.kind}`}
              className={`timeline__entry timeline__entry--${e.kind.split('.')[0]}`}
              data-kind={e.kind}
              tabIndex={-1}
            >
              <p className="timeline__when">
                <DateTime value={e.at} />
              </p>
              <p className="timeline__text">
                {e.stepKey ? <span className="step-key">{e.stepKey}</span> : null}
                {textOf(e)}
              </p>
              <p className="timeline__actor">
                {e.actor?.name ? (
                  <FormattedMessage id="timeline.by" values={{ name: e.actor.name }} />
                ) : (
                  <FormattedMessage id="timeline.bySystem" />
                )}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {timeline?.truncated && order === 'newest' && visible.length === ordered.length ? (
        <p className="muted">
          <FormattedMessage id="timeline.truncated" />
        </p>
      ) : null}
      <div className="form__actions form__actions--inline timeline__more">
        {visible.length < ordered.length ? (
          <button type="button" className="button button--secondary" onClick={showMore}>
            <FormattedMessage id="timeline.more" values={{ count: Math.min(PAGE, ordered.length - visible.length) }} />
          </button>
        ) : null}
        <button type="button" className="button button--ghost" onClick={() => void load()}>
          <FormattedMessage id="timeline.refresh" />
        </button>
      </div>
    </Section>
  );
}
