// /admin/procedure: the organisation's playbook as a form (issue 3: not a JSON box). Steps fold
// and unfold, move up and down, are added and removed; "Valider et prévisualiser" sends the
// definition to the API, which answers with its problems (each shown next to its field, and
// listed with links above the button) or with the tasks an imagined case would get. Saving makes
// a new version based on the one loaded; if someone saved meanwhile (409), reload.
import { type FormEvent, type Ref, useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { AdminPage } from '../admin/admin-page';
import { LoadState } from '../admin/load-state';
import {
  blankStep,
  fieldId,
  mapProblems,
  type PlaybookData,
  type PlaybookForm,
  type PreviewResult,
  type Problem,
  playbookForm,
  type StepForm,
  toDefinition,
} from './model';
import { playbookApi } from './playbook-api';
import { defaultFacts, FactsFields, type FactsForm, PreviewTasks } from './preview-section';
import { StepEditor } from './step-editor';

/** Problems with links to their fields; the link unfolds nothing (the steps concerned already are) and focuses the field. */
function ProblemSummary({
  problems,
  steps,
  headingRef,
}: {
  problems: Problem[];
  steps: StepForm[];
  headingRef: Ref<HTMLParagraphElement>;
}) {
  const intl = useIntl();
  return (
    <div className="alert alert--error problem-summary" role="alert">
      <p className="alert__title" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="playbook.problems.title" values={{ count: problems.length }} />
      </p>
      <ul className="alert__body problem-summary__list">
        {problems.map((p, i) => {
          const target = fieldId(p.stepUid, p.field, steps);
          const where = p.stepUid
            ? intl.formatMessage({ id: 'playbook.problems.inStep' }, { key: p.stepKey || '—' })
            : intl.formatMessage({ id: 'playbook.problems.general' });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
            <li key={i}>
              <a
                href={`#${target}`}
                onClick={(event) => {
                  const element = document.getElementById(target);
                  if (!element) return;
                  event.preventDefault();
                  element.focus();
                  element.scrollIntoView({ block: 'center' });
                }}
              >
                {where}
              </a>{' '}
              {p.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function VersionsSection({ data }: { data: PlaybookData }) {
  const versions = [...data.versions].sort((a, b) => b.version - a.version);
  return (
    <Section
      id="versions"
      title={<FormattedMessage id="playbook.versions.title" />}
      intro={<FormattedMessage id="playbook.versions.intro" />}
    >
      <ol className="item-list versions">
        {versions.map((v) => (
          <li key={v.id} className="item-list__item">
            <div className="item-list__main">
              <p className="item-list__title">
                <FormattedMessage id="playbook.versions.version" values={{ n: v.version }} />
                {v.version === data.version ? (
                  <span className="badge">
                    <FormattedMessage id="playbook.versions.current" />
                  </span>
                ) : null}
              </p>
              <p className="item-list__meta">
                <DateTime value={v.createdAt} />
                {' · '}
                {v.createdBy ? (
                  <FormattedMessage id="playbook.versions.by" values={{ name: v.createdByName ?? v.createdBy }} />
                ) : (
                  <FormattedMessage id="playbook.versions.default" />
                )}
              </p>
              {v.createdBy ? (
                <p className="item-list__meta">
                  <FormattedMessage id="playbook.versions.authorId" values={{ id: <code className="break">{v.createdBy}</code> }} />
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Editor({ initial, onSaved, onReload }: { initial: PlaybookData; onSaved(data: PlaybookData): void; onReload(): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [form, setForm] = useState<PlaybookForm>(() => playbookForm(initial.definition));
  const baseline = useMemo(() => JSON.stringify(toDefinition(playbookForm(initial.definition))), [initial.definition]);
  const dirty = JSON.stringify(toDefinition(form)) !== baseline;
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [problems, setProblems] = useState<{ from: 'preview' | 'save'; list: Problem[] } | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [facts, setFacts] = useState<FactsForm>(defaultFacts);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<{ from: 'preview' | 'save'; error: unknown } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const summary = useRef<HTMLParagraphElement>(null);
  const previewTitle = useRef<HTMLHeadingElement>(null);
  const savedNotice = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<'summary' | 'preview' | 'saved' | string | null>(null);

  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    if (target === 'summary') summary.current?.focus();
    else if (target === 'preview') previewTitle.current?.focus();
    else if (target === 'saved') savedNotice.current?.focus();
    else document.getElementById(target)?.focus();
  });

  const problemList = problems?.list ?? [];

  function updateStep(uid: string, patch: Partial<StepForm>) {
    setSaved(null);
    setForm((f) => {
      const old = f.steps.find((s) => s.uid === uid);
      let steps = f.steps.map((s) => (s.uid === uid ? { ...s, ...patch } : s));
      // A renamed key is renamed in the other steps' dependencies too (when it was unique).
      if (old && patch.key !== undefined && patch.key.trim() !== old.key.trim()) {
        const from = old.key.trim();
        const to = patch.key.trim();
        if (from && f.steps.filter((s) => s.key.trim() === from).length === 1) {
          steps = steps.map((s) => (s.uid === uid ? s : { ...s, dependsOn: s.dependsOn.map((d) => (d === from ? to : d)) }));
        }
      }
      return { ...f, steps };
    });
  }

  function move(uid: string, direction: -1 | 1) {
    setSaved(null);
    setForm((f) => {
      const i = f.steps.findIndex((s) => s.uid === uid);
      const j = i + direction;
      if (i < 0 || j < 0 || j >= f.steps.length) return f;
      const steps = [...f.steps];
      const [moved] = steps.splice(i, 1);
      if (moved) steps.splice(j, 0, moved);
      setAnnounce(intl.formatMessage({ id: 'playbook.step.moved' }, { key: moved?.key ?? '', position: j + 1, count: steps.length }));
      return { ...f, steps };
    });
  }

  function remove(uid: string) {
    setSaved(null);
    const step = form.steps.find((s) => s.uid === uid);
    const key = step?.key.trim() ?? '';
    setForm((f) => ({
      ...f,
      steps: f.steps.filter((s) => s.uid !== uid).map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => d !== key) })),
    }));
    setProblems((p) => (p ? { ...p, list: p.list.filter((x) => x.stepUid !== uid) } : p));
    setAnnounce(intl.formatMessage({ id: 'playbook.step.removed' }, { key }));
    focusAfter.current = 'playbook-add-step';
  }

  function add() {
    setSaved(null);
    const step = blankStep(form.steps);
    setForm((f) => ({ ...f, steps: [...f.steps, step] }));
    setExpanded((e) => new Set(e).add(step.uid));
    focusAfter.current = `step-${step.uid}-key`;
  }

  function toggle(uid: string) {
    setExpanded((e) => {
      const next = new Set(e);
      if (next.has(uid)) next.delete(uid);
      else next.add(uid);
      return next;
    });
  }

  function showProblems(from: 'preview' | 'save', raw: { path: string; message: string }[]) {
    const list = mapProblems(raw, form.steps);
    setProblems({ from, list });
    setExpanded((e) => {
      const next = new Set(e);
      for (const p of list) if (p.stepUid) next.add(p.stepUid);
      return next;
    });
    focusAfter.current = 'summary';
  }

  async function runPreview(event: FormEvent) {
    event.preventDefault();
    setBusy('preview');
    setError(null);
    setPreview(null);
    setProblems(null);
    try {
      const locations = Math.min(10, Math.max(0, Math.trunc(Number(facts.locations) || 0)));
      const result = await playbookApi.preview(toDefinition(form), { ...facts, locations });
      if (result.ok) {
        setPreview(result);
        focusAfter.current = 'preview';
      } else showProblems('preview', result.problems);
    } catch (caught) {
      if (isApiError(caught, 'invalid_input') && caught.fields.length > 0) showProblems('preview', caught.fields);
      else setError({ from: 'preview', error: caught });
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    setBusy('save');
    setError(null);
    setConflict(false);
    setSaved(null);
    setProblems(null);
    try {
      const data = await playbookApi.save(toDefinition(form), initial.version);
      setSaved(data.version);
      focusAfter.current = 'saved';
      onSaved(data);
    } catch (caught) {
      if (isApiError(caught, 'stale_version')) setConflict(true);
      else if (isApiError(caught, 'invalid_input') && caught.fields.length > 0) showProblems('save', caught.fields);
      else setError({ from: 'save', error: caught });
    } finally {
      setBusy(null);
    }
  }

  const general = (field: string) =>
    problemList
      .filter((p) => !p.stepUid && (p.field === field || p.field.startsWith(`${field}.`)))
      .map((p) => p.message)
      .join(' ') || undefined;
  const allExpanded = form.steps.every((s) => expanded.has(s.uid));

  return (
    <div className="playbook-editor">
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      <Section id="guide" title={<FormattedMessage id="playbook.general.title" />}>
        <p className="muted">
          <FormattedMessage id="playbook.general.version" values={{ n: initial.version, when: <DateTime value={initial.createdAt} /> }} />
        </p>
        <div className="form form--wide">
          <div className="form-row">
            <TextField
              id="playbook-name-fr"
              lang="fr-CA"
              label={intl.formatMessage({ id: 'playbook.general.nameFr' })}
              value={form.nameFr}
              maxLength={2000}
              onChange={(e) => setForm({ ...form, nameFr: e.target.value })}
              error={general('name.fr-CA')}
            />
            <TextField
              id="playbook-name-en"
              lang="en"
              label={intl.formatMessage({ id: 'playbook.general.nameEn' })}
              value={form.nameEn}
              maxLength={2000}
              onChange={(e) => setForm({ ...form, nameEn: e.target.value })}
              error={general('name.en')}
            />
          </div>
          <TextField
            id="playbook-source"
            label={intl.formatMessage({ id: 'playbook.general.source' })}
            hint={intl.formatMessage({ id: 'playbook.general.sourceHint' })}
            value={form.source}
            maxLength={500}
            onChange={(e) => setForm({ ...form, source: e.target.value })}
            error={general('source')}
          />
        </div>
      </Section>

      <section className="card" aria-labelledby="playbook-steps-title">
        <h2 className="card__title" id="playbook-steps-title" tabIndex={-1}>
          <FormattedMessage id="playbook.steps.title" values={{ count: form.steps.length }} />
        </h2>
        <p className="card__lead">
          <FormattedMessage id="playbook.steps.intro" />
        </p>
        {general('steps') ? <p className="field__error">{general('steps')}</p> : null}
        <p>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setExpanded(allExpanded ? new Set() : new Set(form.steps.map((s) => s.uid)))}
          >
            <FormattedMessage id={allExpanded ? 'playbook.steps.collapseAll' : 'playbook.steps.expandAll'} />
          </button>
        </p>
        <ol className="step-list">
          {form.steps.map((step, index) => (
            <StepEditor
              key={step.uid}
              step={step}
              index={index}
              count={form.steps.length}
              steps={form.steps}
              vocabulary={initial.vocabulary}
              problems={problemList}
              expanded={expanded.has(step.uid)}
              onToggle={() => toggle(step.uid)}
              onChange={(patch) => updateStep(step.uid, patch)}
              onMove={(direction) => move(step.uid, direction)}
              onRemove={() => remove(step.uid)}
            />
          ))}
        </ol>
        <p>
          <button ref={addButton} id="playbook-add-step" type="button" className="button button--secondary" onClick={add}>
            <FormattedMessage id="playbook.steps.add" />
          </button>
        </p>
      </section>

      <section className="card" aria-labelledby="playbook-preview-title">
        <h2 className="card__title" id="playbook-preview-title">
          <FormattedMessage id="playbook.preview.title" />
        </h2>
        <p className="card__lead">
          <FormattedMessage id="playbook.preview.intro" />
        </p>
        <form noValidate onSubmit={(e) => void runPreview(e)}>
          <FactsFields facts={facts} onChange={setFacts} vocabulary={initial.vocabulary} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy !== null}>
              <FormattedMessage id={busy === 'preview' ? 'playbook.preview.running' : 'playbook.preview.run'} />
            </button>
          </div>
        </form>
        {error?.from === 'preview' ? <Alert kind="error" title={errorText(error.error)} /> : null}
        {problems?.from === 'preview' ? <ProblemSummary problems={problems.list} steps={form.steps} headingRef={summary} /> : null}
        {preview ? (
          <div className="preview-result">
            <h3 className="card__subtitle" ref={previewTitle} tabIndex={-1}>
              <FormattedMessage id="playbook.preview.result" values={{ count: preview.tasks.length }} />
            </h3>
            <p className="muted">
              <FormattedMessage id="playbook.preview.timeZone" />
            </p>
            <PreviewTasks result={preview} />
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="playbook-save-title">
        <h2 className="card__title" id="playbook-save-title">
          <FormattedMessage id="playbook.save.title" />
        </h2>
        <p className="card__lead">
          <FormattedMessage id="playbook.save.intro" values={{ n: initial.version }} />
        </p>
        <p className={dirty ? 'dirty dirty--yes' : 'dirty'}>
          <FormattedMessage id={dirty ? 'playbook.save.dirty' : 'playbook.save.clean'} />
        </p>
        {conflict ? (
          <Alert kind="warning" title={<FormattedMessage id="playbook.save.conflict" />}>
            <p>
              <FormattedMessage id="playbook.save.conflictHelp" />
            </p>
            <button type="button" className="button button--secondary button--small" onClick={onReload}>
              <FormattedMessage id="playbook.save.reload" />
            </button>
          </Alert>
        ) : null}
        {error?.from === 'save' ? <Alert kind="error" title={errorText(error.error)} /> : null}
        {problems?.from === 'save' ? <ProblemSummary problems={problems.list} steps={form.steps} headingRef={summary} /> : null}
        {saved !== null ? (
          <div ref={savedNotice} tabIndex={-1}>
            <Alert kind="success" title={<FormattedMessage id="playbook.save.saved" values={{ n: saved }} />} />
          </div>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button button--primary" disabled={busy !== null || !dirty} onClick={() => void save()}>
            <FormattedMessage id={busy === 'save' ? 'playbook.save.saving' : 'playbook.save.button'} />
          </button>
        </div>
      </section>
    </div>
  );
}

export default function PlaybookPage() {
  const intl = useIntl();
  const data = useApiData(playbookApi.get);
  const [current, setCurrent] = useState<PlaybookData | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const playbook = current ?? data.data;
  return (
    <AdminPage title={intl.formatMessage({ id: 'playbook.title' })} intro={<FormattedMessage id="playbook.intro" />}>
      {!playbook ? (
        <LoadState error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <div className="stack">
          <Editor
            // Saving keeps the form (it is the new version); reloading after a conflict starts again.
            key={generation}
            initial={playbook}
            onSaved={setCurrent}
            onReload={() => {
              setCurrent(undefined);
              void data.reload().then(() => setGeneration((g) => g + 1));
            }}
          />
          <VersionsSection data={playbook} />
        </div>
      )}
    </AdminPage>
  );
}
