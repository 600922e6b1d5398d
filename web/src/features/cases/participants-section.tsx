// Who takes part in the case, in which role, since when and why (from the case JSON). Reasons
// the procedure gives (at the report, step 4.2.2, union consent…) are in plain words; a reason
// typed by whoever added someone is shown as written.
import { FormattedMessage, useIntl } from 'react-intl';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from './case-context';

const knownReasons = ['intake', 'replaces_supervisor', 'opened_case', 'step_4.2.2', 'union_notice_consent', 'counsel_added', 'manual'];

export function ParticipantsSection() {
  const { detail } = useCase();
  const intl = useIntl();
  const reasonText = (reason: string) =>
    knownReasons.includes(reason) ? intl.formatMessage({ id: `cases.participant.reason.${reason.replaceAll('.', '_')}` }) : reason;
  return (
    <Section
      id="participants"
      title={<FormattedMessage id="cases.participants.title" />}
      intro={<FormattedMessage id="cases.participants.intro" />}
    >
      <ul className="item-list participant-list">
        {detail.participants.map((p) => (
          <li key={`${p.userId}:${p.role}`} className="item-list__item">
            <div className="item-list__main">
              <p className="item-list__title">{p.displayName}</p>
              <p className="item-list__meta">
                <span className="participant-list__role">
                  <FormattedMessage id="cases.role" values={{ role: p.role }} />
                </span>
                {' · '}
                <FormattedMessage id="cases.participants.since" values={{ when: <DateTime value={p.joinedAt} /> }} />
                {' · '}
                {reasonText(p.reason)}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}
