// The administration's own navigation, shown at the top of every admin screen: the main menu has a
// single "Administration" entry, the sections are listed here (they wrap on a phone).
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { adminPaths } from './paths';

export const adminSections = [
  { path: adminPaths.organisation, labelId: 'admin.nav.organisation', descriptionId: 'admin.home.organisation' },
  { path: adminPaths.units, labelId: 'admin.nav.units', descriptionId: 'admin.home.units' },
  { path: adminPaths.persons, labelId: 'admin.nav.persons', descriptionId: 'admin.home.persons' },
  { path: adminPaths.importPersons, labelId: 'admin.nav.import', descriptionId: 'admin.home.import' },
  { path: adminPaths.users, labelId: 'admin.nav.users', descriptionId: 'admin.home.users' },
  { path: adminPaths.roles, labelId: 'admin.nav.roles', descriptionId: 'admin.home.roles' },
  { path: adminPaths.mail, labelId: 'admin.nav.mail', descriptionId: 'admin.home.mail' },
  { path: adminPaths.playbook, labelId: 'admin.nav.playbook', descriptionId: 'admin.home.playbook' },
  // The provider directory editor (features/providers).
  { path: '/admin/fournisseurs', labelId: 'providers.admin.nav', descriptionId: 'providers.admin.description' },
] as const;

/** The section a path belongs to: the longest section path it starts with. */
function currentSection(pathname: string): string | undefined {
  return adminSections
    .map((s) => s.path)
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function AdminNav() {
  const intl = useIntl();
  const { pathname } = useLocation();
  const current = currentSection(pathname);
  const currentLabel = adminSections.find((s) => s.path === current)?.labelId;
  const links = adminSections.map((s) => (
    // A person's page belongs to the directory; the import page to the import.
    <li key={s.path}>
      <Link to={s.path} className="admin-nav__link" aria-current={s.path === pathname ? 'page' : s.path === current ? 'true' : undefined}>
        <FormattedMessage id={s.labelId} />
      </Link>
    </li>
  ));
  return (
    <nav className="admin-nav" aria-label={intl.formatMessage({ id: 'admin.nav.label' })}>
      {/* On a phone the eight sections fold behind one line (keyed by the page: closed after a choice). */}
      <details key={pathname} className="admin-nav__compact">
        <summary>
          {currentLabel ? (
            <FormattedMessage id="admin.nav.current" values={{ section: intl.formatMessage({ id: currentLabel }) }} />
          ) : (
            <FormattedMessage id="admin.nav.sections" />
          )}
        </summary>
        <ul>{links}</ul>
      </details>
      <ul className="admin-nav__list">{links}</ul>
    </nav>
  );
}
