// The signed-in frame: organisation and user in the header, the navigation built from the feature
// registry, the language switch and sign-out. Below 48rem the navigation and the user tools fold
// into a menu behind one button (aria-expanded), closed by Escape or by choosing a page.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { holdsAnyRole } from '../../app/feature';
import { useMe, useSession } from '../../app/session';
import { FeatureSlots, hasSlots } from '../../app/slots';
import { features } from '../registry';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';
import { SkipLink } from './skip-link';

const navEntries = features.flatMap((f) => f.nav ?? []).sort((a, b) => a.order - b.order);

/** `children`, when given, replaces the matched page (the 403 page when a role is missing). */
export function AppFrame({ children }: { children?: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const intl = useIntl();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu when the page changes
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const entries = navEntries.filter((entry) => holdsAnyRole(me.roles, entry.roles));

  return (
    <div className="layout layout--app">
      <SkipLink />
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand__text">
              <span className="brand__name">Rempart</span>
              <span className="brand__org">{me.organisation.name}</span>
            </span>
          </Link>
          {hasSlots('header', me.roles) ? (
            <div className="topbar__items">
              <FeatureSlots place="header" />
            </div>
          ) : null}
          <button
            ref={button}
            type="button"
            className="menu-button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
          >
            <span className="menu-button__icon" aria-hidden="true" data-open={open || undefined} />
            <FormattedMessage id="shell.menu" />
          </button>
          <div ref={menu} id={menuId} className="site-menu" data-open={open || undefined}>
            <nav className="site-nav" aria-label={intl.formatMessage({ id: 'shell.nav.label' })}>
              <ul>
                {entries.map((entry) => (
                  <li key={entry.path}>
                    <NavLink to={entry.path} end={entry.end ?? false} className="site-nav__link">
                      <FormattedMessage id={entry.labelId} />
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="user-tools">
              <Link to="/profil" className="user-tools__name">
                <span className="visually-hidden">
                  <FormattedMessage id="shell.signedInAs" />{' '}
                </span>
                {me.displayName}
              </Link>
              <LanguageSwitch />
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setSignOutFailed(false);
                  signOut().catch(() => setSignOutFailed(true));
                }}
              >
                <FormattedMessage id="shell.signOut" />
              </button>
            </div>
          </div>
        </div>
        {signOutFailed ? (
          <div className="topbar__notice" role="alert">
            <FormattedMessage id="shell.signOutFailed" />
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children ?? <Outlet />}
      </main>
      <footer className="footer">
        <FormattedMessage id="shell.footer" />
      </footer>
    </div>
  );
}
