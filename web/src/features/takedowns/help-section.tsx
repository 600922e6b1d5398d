// Where to get help, shown where it applies (GET /cases/{id}/help[?ground=…]): the police for
// threats and intimate images, CAVAC, Cybertip.ca / NeedHelpNow / Take It Down when minors are in
// intimate images, StopNCII for intimate images, the CAI and the OPC for personal information,
// the anti-fraud centre for impersonation, the CNESST for harassment at work — each with why it
// applies, its telephone and its site. Known organisations are described in the UI language; one
// added locally keeps the directory's own words.
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { type Ground, type HelpItem, takedownsApi } from './api';

/** Organisations the catalogues describe (seed/providers/providers.json). */
const described = new Set(['stopncii', 'take_it_down', 'cybertip', 'needhelpnow', 'c3p', 'sq', 'spvm', 'cavac', 'cai', 'opc', 'cnesst', 'cafc']);
const withPhoneText = new Set(['sq', 'spvm', 'cybertip', 'c3p', 'cafc']);

/** The dialable numbers in a free-text phone field ("310-4141 or *4141 (mobile); 911 emergency"). */
export function phoneNumbers(text: string): string[] {
  return [...text.matchAll(/\*?\+?\d[\d -]{1,14}\d/g)].map((m) => m[0].trim());
}

function HelpCard({ item, headingLevel }: { item: HelpItem; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const known = described.has(item.id);
  const numbers = item.phone ? phoneNumbers(item.phone) : [];
  return (
    <li className="help-org" data-help={item.id}>
      <Heading className="help-org__name">{item.name}</Heading>
      {known ? (
        <p>
          <FormattedMessage id={`takedowns.help.org.${item.id}`} />
        </p>
      ) : (
        <p lang="en">{item.purpose}</p>
      )}
      <p className="help-org__why">
        <FormattedMessage id="takedowns.help.why" values={{ reasons: item.reasonsText.join(' ; ') }} />
      </p>
      {item.phone ? (
        <p className="help-org__phone">
          <FormattedMessage id="takedowns.help.phone" />{' '}
          {numbers.map((n, i) => (
            <span key={n}>
              {i > 0 ? ', ' : null}
              <a href={`tel:${n.replace(/[^\d*+]/g, '')}`}>{n}</a>
            </span>
          ))}
          {withPhoneText.has(item.id) ? (
            <span className="help-org__phone-note">
              {' '}
              (<FormattedMessage id={`takedowns.help.phoneNote.${item.id}`} />)
            </span>
          ) : numbers.length === 0 ? (
            <span lang="en"> {item.phone}</span>
          ) : null}
        </p>
      ) : null}
      <p className="break">
        <a href={item.url} target="_blank" rel="noopener noreferrer">
          <FormattedMessage id="takedowns.help.site" values={{ name: item.name }} />
          <span className="visually-hidden">
            {' '}
            <FormattedMessage id="takedowns.newWindow" />
          </span>
        </a>
        {item.verified ? null : (
          <span className="muted">
            {' '}
            <FormattedMessage id="takedowns.help.unverified" />
          </span>
        )}
      </p>
      {known ? null : item.notes ? (
        <p className="muted" lang="en">
          {item.notes}
        </p>
      ) : null}
    </li>
  );
}

export function HelpList({ caseId, ground, headingLevel = 3 }: { caseId: string; ground?: Ground | undefined; headingLevel?: 3 | 4 }) {
  const errorText = useErrorText();
  const [state, setState] = useState<{ items?: HelpItem[]; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    takedownsApi.help(caseId, ground).then(
      ({ items }) => live && setState({ items }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [caseId, ground]);
  if (state.error) return <Alert kind="error" title={errorText(state.error)} />;
  if (!state.items) {
    return (
      <p role="status">
        <FormattedMessage id="common.loading" />
      </p>
    );
  }
  // Emergencies first: the police, then the others in the directory's order.
  const police = new Set(['sq', 'spvm']);
  const items = [...state.items].sort((a, b) => Number(police.has(b.id)) - Number(police.has(a.id)));
  return (
    <ul className="help-orgs">
      {items.map((item) => (
        <HelpCard key={item.id} item={item} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

export function HelpSection() {
  const { detail } = useCase();
  return (
    <Section id="aide" title={<FormattedMessage id="takedowns.help.title" />} intro={<FormattedMessage id="takedowns.help.intro" />}>
      <p className="help-emergency">
        <FormattedMessage id="takedowns.help.emergency" />
      </p>
      <HelpList caseId={detail.id} />
    </Section>
  );
}
