// The user's own account: name, language, password, second factor, sessions, API tokens.
import { FormattedMessage, useIntl } from 'react-intl';
import { useMe } from '../../app/session';
import { Page } from '../shell/page';
import { IdentitySection } from './identity-section';
import { LanguageSection } from './language-section';
import { PasswordSection } from './password-section';
import { SecondFactorSection } from './second-factor-section';
import { SessionsSection } from './sessions-section';
import { TokensSection } from './tokens-section';

const sections = [
  { id: 'identite', labelId: 'profile.identity.title' },
  { id: 'langue', labelId: 'profile.language.title' },
  { id: 'mot-de-passe', labelId: 'profile.password.title' },
  { id: 'double-authentification', labelId: 'profile.totp.title' },
  { id: 'sessions', labelId: 'profile.sessions.title' },
  { id: 'jetons', labelId: 'profile.tokens.title' },
] as const;

export default function ProfilePage() {
  const intl = useIntl();
  const me = useMe();
  return (
    <Page
      title={intl.formatMessage({ id: 'profile.title' })}
      intro={<FormattedMessage id="profile.intro" values={{ name: me.displayName }} />}
    >
      <nav className="toc" aria-label={intl.formatMessage({ id: 'profile.toc' })}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                onClick={(event) => {
                  // Focus the section heading too, so the next Tab continues from there.
                  const heading = document.getElementById(`${s.id}-title`);
                  if (!heading) return;
                  event.preventDefault();
                  heading.setAttribute('tabindex', '-1');
                  heading.focus();
                  heading.scrollIntoView({ block: 'start' });
                }}
              >
                <FormattedMessage id={s.labelId} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        <IdentitySection />
        <LanguageSection />
        <PasswordSection />
        <SecondFactorSection />
        <SessionsSection />
        <TokensSection />
      </div>
    </Page>
  );
}
