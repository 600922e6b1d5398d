// "Récupérer le compte piraté" (step 4.6.2), shown when the case says an account was compromised
// (flag accountCompromised): per provider, its account-recovery channel from the directory and the
// checklist — secure the mailbox, follow the recovery channel, change the password, turn on
// two-factor authentication, sign out other sessions… The staff member and IT tick steps (who and
// when are kept); when every list is complete, step 4.6.2 is done by Rempart.
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { type AccountRecovery, type AccountRecoveryPatch, mayFileTakedowns, takedownsApi } from './api';
import { ChannelFacts } from './channels';

type RecoveryProvider = AccountRecovery['providers'][number];
type RecoveryStep = RecoveryProvider['steps'][number];

function StepRow({
  provider,
  step,
  canEdit,
  busy,
  onToggle,
}: {
  provider: RecoveryProvider;
  step: RecoveryStep;
  canEdit: boolean;
  busy: boolean;
  onToggle(done: boolean): Promise<void>;
}) {
  const id = `recovery-${provider.providerId}-${step.step}`;
  // Ticked at once; the server's answer replaces it (or undoes it on a failure).
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <li className="recovery-step">
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={pending ?? step.done}
          disabled={!canEdit || (busy && pending === null)}
          onChange={(e) => {
            const done = e.target.checked;
            setPending(done);
            void onToggle(done).finally(() => setPending(null));
          }}
        />
        <span>{step.title}</span>
      </label>
      {step.done && step.at ? (
        <p className="recovery-step__who muted">
          <FormattedMessage id="takedowns.recovery.doneBy" values={{ name: step.byName ?? '—', when: <DateTime value={step.at} /> }} />
        </p>
      ) : null}
      {step.note ? <p className="recovery-step__who muted">{step.note}</p> : null}
    </li>
  );
}

export function RecoverySection() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { detail, reload } = useCase();
  const canEdit = mayFileTakedowns(detail.viewer) && detail.status !== 'closed';
  const [data, setData] = useState<AccountRecovery | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState('');

  useEffect(() => {
    let live = true;
    takedownsApi.accountRecovery(detail.id).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [detail.id]);

  async function patch(body: AccountRecoveryPatch) {
    setBusy(true);
    setError(null);
    try {
      const next = await takedownsApi.updateAccountRecovery(detail.id, body);
      setData(next);
      // Completing every list closes step 4.6.2: the task list changes too.
      if (next.providers.length > 0 && next.providers.every((p) => p.complete)) await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!adding) return;
    await patch({ addProviders: [adding] });
    setAdding('');
  }

  const addable = data?.availableProviders.filter((p) => !data.providers.some((x) => x.providerId === p.id)) ?? [];
  return (
    <Section id="recuperation" title={<FormattedMessage id="takedowns.recovery.title" />} intro={<FormattedMessage id="takedowns.recovery.intro" />}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      {!data && !error ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {data ? (
        <>
          {data.providers.length === 0 ? (
            <p>
              <FormattedMessage id="takedowns.recovery.none" />
            </p>
          ) : (
            <ul className="recovery-list">
              {data.providers.map((p) => (
                <li key={p.providerId} className="recovery">
                  <h3 className="recovery__title">
                    {p.providerName}{' '}
                    <span className={`status-badge status-badge--task-${p.complete ? 'done' : 'open'}`}>
                      <FormattedMessage id={p.complete ? 'takedowns.recovery.complete' : 'takedowns.recovery.inProgress'} />
                    </span>
                  </h3>
                  {p.channel ? (
                    <div className="recovery__channel">
                      <p className="recovery__label">
                        <FormattedMessage id="takedowns.recovery.channel" />
                      </p>
                      <ChannelFacts channel={p.channel} />
                    </div>
                  ) : null}
                  <ul className="recovery-steps" aria-label={intl.formatMessage({ id: 'takedowns.recovery.stepsOf' }, { provider: p.providerName })}>
                    {p.steps.map((s) => (
                      <StepRow
                        key={s.step}
                        provider={p}
                        step={s}
                        canEdit={canEdit}
                        busy={busy}
                        onToggle={(done) => patch({ steps: [{ providerId: p.providerId, step: s.step, done }] })}
                      />
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {canEdit && addable.length > 0 ? (
            <form className="row-form" onSubmit={(e) => void add(e)}>
              <div className="field">
                <label htmlFor="recovery-add">
                  <FormattedMessage id="takedowns.recovery.add" />
                </label>
                <select id="recovery-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
                  <option value="">{intl.formatMessage({ id: 'takedowns.recovery.choose' })}</option>
                  {addable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button--secondary" disabled={busy || !adding}>
                <FormattedMessage id="takedowns.recovery.addButton" />
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
