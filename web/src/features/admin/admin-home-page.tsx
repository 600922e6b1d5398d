// /admin: what each administration screen is for, with a link to it.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { AdminPage } from './admin-page';
import { adminSections } from './admin-nav';

export default function AdminHomePage() {
  const intl = useIntl();
  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.home.title' })} intro={<FormattedMessage id="admin.home.intro" />} nav={false}>
      <ul className="admin-cards">
        {adminSections.map((s) => (
          <li key={s.path} className="card admin-cards__item">
            <h2 className="card__title">
              <Link to={s.path}>
                <FormattedMessage id={s.labelId} />
              </Link>
            </h2>
            <p>
              <FormattedMessage id={s.descriptionId} />
            </p>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}
