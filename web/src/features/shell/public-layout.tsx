// The frame of the pages reachable without a session (sign-in, password reset, 404 when signed
// out): the product name, the language switch and one centred column.
import { FormattedMessage } from 'react-intl';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';
import { SkipLink } from './skip-link';

export function PublicLayout() {
  return (
    <div className="layout layout--public">
      <SkipLink />
      <header className="topbar topbar--public">
        <div className="topbar__inner">
          <span className="brand">
            <Logo />
            <span className="brand__text">
              <span className="brand__name">Rempart</span>
              <span className="brand__tagline">
                <FormattedMessage id="shell.tagline" />
              </span>
            </span>
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main main--public">
        <Outlet />
      </main>
      <footer className="footer">
        <FormattedMessage id="shell.footer" />
      </footer>
    </div>
  );
}
