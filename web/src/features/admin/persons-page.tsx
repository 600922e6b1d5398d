// /admin/personnel: the staff directory, thousands of people. Search (name, e-mail, employee
// number; accents ignored by the API), filters by unit, association and login, 50 per page with
// the API's cursor. The filters live in the address (?q=&unite=&association=&compte=) so Back
// from a person's page returns to the same search.
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { adminApi } from './admin-api';
import { AdminPage } from './admin-page';
import { SelectField } from './fields';
import { LoadState } from './load-state';
import { useLookups } from './lookups';
import { PAGE_SIZE, Pager, ResultsStatus, useCursorPages } from './paged-list';
import { adminPaths } from './paths';

export default function PersonsPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('unite') ?? '';
  const associationId = params.get('association') ?? '';
  const login = params.get('compte') ?? '';
  const { lookups } = useLookups();

  const [text, setText] = useState(q);
  const hasLogin = login === 'oui' ? true : login === 'non' ? false : undefined;
  const list = useCursorPages(
    (cursor, signal) =>
      adminApi.persons(
        { q: q || undefined, unitId: unitId || undefined, associationId: associationId || undefined, hasLogin, limit: PAGE_SIZE, cursor },
        signal,
      ),
    JSON.stringify([q, unitId, associationId, login]),
  );

  // Typing searches after a short pause; Enter searches at once.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = window.setTimeout(() => updateParam('q', text.trim()), 350);
    return () => window.clearTimeout(timer);
  });

  function updateParam(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }

  function search(event: FormEvent) {
    event.preventDefault();
    updateParam('q', text.trim());
  }

  const { page, pageIndex, loading, error } = list;
  const filtered = Boolean(q || unitId || associationId || login);

  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.persons.title' })} intro={<FormattedMessage id="admin.persons.intro" />}>
      {notice ? <Alert kind="success" title={notice} /> : null}
      <div className="toolbar">
        <Link to={adminPaths.newPerson} className="button button--primary">
          <FormattedMessage id="admin.persons.new" />
        </Link>
        <Link to={adminPaths.importPersons} className="button button--secondary">
          <FormattedMessage id="admin.persons.import" />
        </Link>
      </div>

      <search className="card filters" aria-label={intl.formatMessage({ id: 'admin.persons.searchLabel' })}>
        <form noValidate className="filters__form" onSubmit={search}>
          <TextField
            id="persons-q"
            type="search"
            className="filters__search"
            label={intl.formatMessage({ id: 'admin.persons.search' })}
            hint={intl.formatMessage({ id: 'admin.persons.searchHint' })}
            value={text}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
          <SelectField
            id="persons-unit"
            label={intl.formatMessage({ id: 'admin.persons.unit' })}
            value={unitId}
            onChange={(e) => updateParam('unite', e.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'admin.persons.allUnits' })}</option>
            {lookups?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {lookups.unitName(u.id)}
              </option>
            ))}
            {unitId && lookups && !lookups.unitName(unitId) ? <option value={unitId}>{unitId}</option> : null}
          </SelectField>
          <SelectField
            id="persons-association"
            label={intl.formatMessage({ id: 'admin.persons.association' })}
            value={associationId}
            onChange={(e) => updateParam('association', e.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'admin.persons.allAssociations' })}</option>
            {lookups?.associations.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="persons-login"
            label={intl.formatMessage({ id: 'admin.persons.login' })}
            value={login}
            onChange={(e) => updateParam('compte', e.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'admin.persons.login.any' })}</option>
            <option value="oui">{intl.formatMessage({ id: 'admin.persons.login.yes' })}</option>
            <option value="non">{intl.formatMessage({ id: 'admin.persons.login.no' })}</option>
          </SelectField>
          <div className="filters__actions">
            <button type="submit" className="button button--primary">
              <FormattedMessage id="admin.persons.searchButton" />
            </button>
            {filtered ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setText('');
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                <FormattedMessage id="admin.persons.clear" />
              </button>
            ) : null}
          </div>
        </form>
      </search>

      <section className="card" aria-labelledby="persons-results">
        <h2 className="card__title" id="persons-results" ref={list.heading} tabIndex={-1}>
          <FormattedMessage id="admin.persons.results" />
        </h2>
        <ResultsStatus
          page={page}
          pageIndex={pageIndex}
          loading={loading}
          rangeId="admin.persons.range"
          emptyId={filtered ? 'admin.persons.noMatch' : 'admin.persons.empty'}
        />
        {error ? page ? <Alert kind="error" title={errorText(error)} /> : <LoadState error={error} onRetry={list.reload} /> : null}
        {page && page.items.length > 0 ? (
          <ul className="item-list" aria-busy={loading || undefined}>
            {page.items.map((person) => {
              const unit = lookups?.unitName(person.unitId);
              const association = lookups?.associationName(person.associationId);
              return (
                <li key={person.id} className="item-list__item">
                  <div className="item-list__main">
                    <p className="item-list__title">
                      <Link to={adminPaths.person(person.id)}>{person.fullName}</Link>
                      {person.userId ? (
                        <span className="badge">
                          <FormattedMessage id="admin.persons.hasLogin" />
                        </span>
                      ) : null}
                    </p>
                    <p className="item-list__meta break">{person.email}</p>
                    <p className="item-list__meta">
                      {[unit, person.jobTitle, association].filter(Boolean).join(' · ') || <FormattedMessage id="admin.persons.noUnit" />}
                      {person.employeeNumber ? (
                        <>
                          {' · '}
                          <FormattedMessage id="admin.persons.employeeNumberShort" values={{ number: person.employeeNumber }} />
                        </>
                      ) : null}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : null}
        <Pager page={page} pageIndex={pageIndex} loading={loading} onPrevious={list.previous} onNext={list.next} />
      </section>
    </AdminPage>
  );
}
