// A provider's reporting channels from the directory: what each is for, how it is used, who may
// file, whether it was seen on the provider's own page. The directory's notes are in English (the
// researched sources are): they are marked lang="en" so screen readers read them right.
import { FormattedMessage, useIntl } from 'react-intl';
import { type Provider, type ProviderChannel, isLink } from './api';

/**
 * `inLabel`: inside a radio's label (phrasing content only, and no link: the label's one control
 * is the radio), so lines are block spans and the address is plain text.
 */
export function ChannelFacts({ channel, inLabel = false }: { channel: ProviderChannel; inLabel?: boolean }) {
  const intl = useIntl();
  const Line = inLabel ? 'span' : 'p';
  return (
    <>
      <Line className="channel__line">
        <strong>
          <FormattedMessage id={`takedowns.channel.method.${channel.method}`} />
        </strong>
        {' · '}
        <FormattedMessage
          id="takedowns.channel.who"
          values={{ who: channel.whoMayFile.map((w) => intl.formatMessage({ id: `takedowns.channel.filer.${w}` })).join(', ') }}
        />
        {channel.loginRequired ? (
          <>
            {' · '}
            <FormattedMessage id="takedowns.channel.login" />
          </>
        ) : null}
        {' · '}
        <span className={channel.verified ? 'verified' : 'unverified'}>
          <FormattedMessage id={channel.verified ? 'takedowns.channel.verified' : 'takedowns.channel.unverified'} />
        </span>
      </Line>
      {isLink(channel.url) && !inLabel ? (
        <p className="channel__line break">
          <a href={channel.url} target="_blank" rel="noopener noreferrer">
            {channel.url}
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="takedowns.newWindow" />
            </span>
          </a>
        </p>
      ) : (
        <Line className="channel__line break">{channel.url}</Line>
      )}
      {channel.notes ? (
        <Line className="channel__notes" lang="en">
          {channel.notes}
        </Line>
      ) : null}
    </>
  );
}

export function ChannelList({ provider }: { provider: Provider }) {
  const channels = provider.channels.filter((c) => c.purpose !== 'account_recovery');
  if (channels.length === 0) {
    return (
      <p>
        <FormattedMessage id="takedowns.channel.none" />
      </p>
    );
  }
  return (
    <ul className="channel-list">
      {channels.map((c) => (
        <li key={`${c.purpose}-${c.method}-${c.url}`} className="channel-list__item">
          <p className="channel__purpose">
            <FormattedMessage id={`takedowns.channel.purpose.${c.purpose}`} />
          </p>
          <ChannelFacts channel={c} />
        </li>
      ))}
    </ul>
  );
}

/** The provider's name: the directory's, or ours for the generic "web host". */
export function ProviderName({ provider, providerId }: { provider: Provider | undefined; providerId: string | null }) {
  const id = provider?.id ?? providerId ?? 'web_host';
  if (id === 'web_host') return <FormattedMessage id="takedowns.provider.webHost" />;
  return <>{provider?.name ?? id}</>;
}
