// /admin/organisation: name and default language, the business calendar (time zone, working
// hours and days, Easter options), the roles that must use a second factor, closure days and the
// year's holidays as the due-time rules count them. Each form saves only its own fields; the API
// checks the calendar as a whole and names the wrong field.
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useApiData } from '../../api/use-api-data';
import { useSession } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { type AdminLocale, adminApi, adminLocales, adminRoles, type AdminRole, type OrganisationSettings } from './admin-api';
import { AdminPage } from './admin-page';
import { CivilDate, yearIn } from './civil-date';
import { Checkbox, ChoiceGroup, useFocusInvalid, SelectField } from './fields';
import { LoadState } from './load-state';

/** Canadian zones first (the board is in Québec), then every zone the browser knows. */
const canadianZones = [
  'America/Toronto',
  'America/Halifax',
  'America/Moncton',
  'America/St_Johns',
  'America/Blanc-Sablon',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  'America/Whitehorse',
  'America/Iqaluit',
];

function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [...canadianZones, 'UTC', 'Europe/Paris'];
  }
}

function useSaveState() {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  return { error, setError, saved, setSaved, busy, setBusy };
}

/** Saves a part of the settings, then reloads the session (name and time zone shown everywhere). */
function useSaveSettings(onSaved: (settings: OrganisationSettings) => void) {
  const { refresh } = useSession();
  const state = useSaveState();
  const { ref: form, focusInvalid } = useFocusInvalid();
  async function save(body: Parameters<typeof adminApi.updateOrganisation>[0]) {
    state.setBusy(true);
    state.setError(null);
    state.setSaved(false);
    try {
      const settings = await adminApi.updateOrganisation(body);
      onSaved(settings);
      state.setSaved(true);
      await refresh();
    } catch (caught) {
      state.setError(caught);
      focusInvalid();
    } finally {
      state.setBusy(false);
    }
  }
  return { ...state, save, form };
}

function GeneralSection({ settings, onSaved }: { settings: OrganisationSettings; onSaved(s: OrganisationSettings): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [name, setName] = useState(settings.name);
  const [locale, setLocale] = useState<AdminLocale>(settings.defaultLocale);
  const s = useSaveSettings(onSaved);
  const known = ['name', 'defaultLocale'];

  function submit(event: FormEvent) {
    event.preventDefault();
    void s.save({ name: name.trim(), defaultLocale: locale });
  }

  return (
    <Section id="organisation-generale" title={<FormattedMessage id="admin.org.general.title" />}>
      {s.error && !known.some((f) => fieldError(s.error, f)) ? <Alert kind="error" title={errorText(s.error)} /> : null}
      <form ref={s.form} noValidate className="form" onSubmit={submit}>
        <TextField
          id="org-name"
          label={intl.formatMessage({ id: 'admin.org.name' })}
          hint={intl.formatMessage({ id: 'admin.org.nameHint' })}
          value={name}
          maxLength={200}
          autoComplete="organization"
          onChange={(e) => {
            setName(e.target.value);
            s.setSaved(false);
          }}
          error={fieldError(s.error, 'name')}
          required
        />
        <SelectField
          id="org-default-locale"
          label={intl.formatMessage({ id: 'admin.org.defaultLocale' })}
          hint={intl.formatMessage({ id: 'admin.org.defaultLocaleHint' })}
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value as AdminLocale);
            s.setSaved(false);
          }}
          error={fieldError(s.error, 'defaultLocale')}
        >
          {adminLocales.map((l) => (
            <option key={l} value={l}>
              {intl.formatMessage({ id: `admin.locale.${l}` })}
            </option>
          ))}
        </SelectField>
        <div className="form__actions form__actions--inline">
          <button type="submit" className="button button--primary" disabled={s.busy}>
            <FormattedMessage id="common.save" />
          </button>
          <span role="status" className="form__status">
            {s.saved ? <FormattedMessage id="admin.saved" /> : null}
          </span>
        </div>
      </form>
    </Section>
  );
}

/** Monday … Sunday in the UI language (1 January 2024 was a Monday). */
function useWeekdayNames(): string[] {
  const intl = useIntl();
  return useMemo(
    () => [1, 2, 3, 4, 5, 6, 7].map((d) => intl.formatDate(new Date(Date.UTC(2024, 0, d)), { weekday: 'long', timeZone: 'UTC' })),
    [intl],
  );
}

function CalendarSection({ settings, onSaved }: { settings: OrganisationSettings; onSaved(s: OrganisationSettings): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const weekdays = useWeekdayNames();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [start, setStart] = useState(settings.workDayStart);
  const [end, setEnd] = useState(settings.workDayEnd);
  const [days, setDays] = useState<number[]>(settings.workDays);
  const [goodFriday, setGoodFriday] = useState(settings.goodFridayOff);
  const [easterMonday, setEasterMonday] = useState(settings.easterMondayOff);
  const s = useSaveSettings(onSaved);

  const zones = useMemo(() => {
    const all = allTimeZones();
    const canada = canadianZones.filter((z) => all.includes(z) || z === 'America/Toronto');
    const others = all.filter((z) => !canada.includes(z));
    if (!canada.includes(settings.timeZone) && !others.includes(settings.timeZone)) others.unshift(settings.timeZone);
    const describe = (zone: string) => {
      try {
        const part = new Intl.DateTimeFormat(intl.locale, { timeZone: zone, timeZoneName: 'longGeneric' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName');
        return part ? `${zone} — ${part.value}` : zone;
      } catch {
        return zone;
      }
    };
    return { canada: canada.map((z) => ({ value: z, label: describe(z) })), others };
  }, [intl.locale, settings.timeZone]);

  const dayError = s.error
    ? (fieldError(s.error, 'workDays') ?? (isDayError(s.error) ? intl.formatMessage({ id: 'admin.org.calendar.daysInvalid' }) : undefined))
    : undefined;
  const known = ['timeZone', 'workDayStart', 'workDayEnd', 'workDays', 'goodFridayOff', 'easterMondayOff'];

  function submit(event: FormEvent) {
    event.preventDefault();
    void s.save({
      timeZone,
      workDayStart: start,
      workDayEnd: end,
      workDays: [...days].sort((a, b) => a - b),
      goodFridayOff: goodFriday,
      easterMondayOff: easterMonday,
    });
  }
  const touched = () => s.setSaved(false);

  return (
    <Section
      id="calendrier"
      title={<FormattedMessage id="admin.org.calendar.title" />}
      intro={<FormattedMessage id="admin.org.calendar.intro" />}
    >
      {s.error && !known.some((f) => fieldError(s.error, f)) && !isDayError(s.error) ? (
        <Alert kind="error" title={errorText(s.error)} />
      ) : null}
      <form ref={s.form} noValidate className="form" onSubmit={submit}>
        <SelectField
          id="org-time-zone"
          label={intl.formatMessage({ id: 'admin.org.calendar.timeZone' })}
          hint={intl.formatMessage({ id: 'admin.org.calendar.timeZoneHint' })}
          value={timeZone}
          onChange={(e) => {
            setTimeZone(e.target.value);
            touched();
          }}
          error={fieldError(s.error, 'timeZone')}
        >
          <optgroup label={intl.formatMessage({ id: 'admin.org.calendar.zonesCanada' })}>
            {zones.canada.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </optgroup>
          <optgroup label={intl.formatMessage({ id: 'admin.org.calendar.zonesOther' })}>
            {zones.others.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <div className="form-row">
          <TextField
            id="org-work-start"
            type="time"
            label={intl.formatMessage({ id: 'admin.org.calendar.start' })}
            value={start}
            onChange={(e) => {
              setStart(e.target.value);
              touched();
            }}
            error={fieldError(s.error, 'workDayStart')}
          />
          <TextField
            id="org-work-end"
            type="time"
            label={intl.formatMessage({ id: 'admin.org.calendar.end' })}
            value={end}
            onChange={(e) => {
              setEnd(e.target.value);
              touched();
            }}
            error={fieldError(s.error, 'workDayEnd')}
          />
        </div>
        <ChoiceGroup id="org-work-days" legend={<FormattedMessage id="admin.org.calendar.days" />} error={dayError} columns>
          {weekdays.map((label, i) => {
            const day = i + 1;
            return (
              <Checkbox
                key={day}
                id={`org-work-day-${day}`}
                label={label}
                checked={days.includes(day)}
                onChange={(e) => {
                  setDays((current) => (e.target.checked ? [...current, day] : current.filter((d) => d !== day)));
                  touched();
                }}
              />
            );
          })}
        </ChoiceGroup>
        <ChoiceGroup id="org-easter" legend={<FormattedMessage id="admin.org.calendar.easter" />}>
          <Checkbox
            id="org-good-friday"
            label={<FormattedMessage id="admin.org.calendar.goodFriday" />}
            checked={goodFriday}
            onChange={(e) => {
              setGoodFriday(e.target.checked);
              touched();
            }}
          />
          <Checkbox
            id="org-easter-monday"
            label={<FormattedMessage id="admin.org.calendar.easterMonday" />}
            checked={easterMonday}
            onChange={(e) => {
              setEasterMonday(e.target.checked);
              touched();
            }}
          />
        </ChoiceGroup>
        <div className="form__actions form__actions--inline">
          <button type="submit" className="button button--primary" disabled={s.busy}>
            <FormattedMessage id="admin.org.calendar.save" />
          </button>
          <span role="status" className="form__status">
            {s.saved ? <FormattedMessage id="admin.saved" /> : null}
          </span>
        </div>
      </form>
    </Section>
  );
}

function isDayError(error: unknown): boolean {
  const fields = (error as { fields?: { path: string }[] } | null)?.fields ?? [];
  return fields.some((f) => f.path.startsWith('workDays.'));
}

function SecondFactorSection({ settings, onSaved }: { settings: OrganisationSettings; onSaved(s: OrganisationSettings): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [roles, setRoles] = useState<AdminRole[]>(settings.requireTotpRoles);
  const s = useSaveSettings(onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    void s.save({ requireTotpRoles: roles });
  }

  return (
    <Section
      id="double-authentification"
      title={<FormattedMessage id="admin.org.totp.title" />}
      intro={<FormattedMessage id="admin.org.totp.intro" />}
    >
      {s.error && !fieldError(s.error, 'requireTotpRoles') ? <Alert kind="error" title={errorText(s.error)} /> : null}
      <form ref={s.form} noValidate className="form" onSubmit={submit}>
        <ChoiceGroup
          id="org-totp-roles"
          legend={<FormattedMessage id="admin.org.totp.legend" />}
          hint={roles.includes('admin') ? intl.formatMessage({ id: 'admin.org.totp.adminWarning' }) : undefined}
          error={fieldError(s.error, 'requireTotpRoles')}
          columns
        >
          {adminRoles.map((role) => (
            <Checkbox
              key={role}
              id={`org-totp-${role}`}
              label={intl.formatMessage({ id: `role.${role}` })}
              checked={roles.includes(role)}
              onChange={(e) => {
                setRoles((current) => (e.target.checked ? [...current, role] : current.filter((r) => r !== role)));
                s.setSaved(false);
              }}
            />
          ))}
        </ChoiceGroup>
        <div className="form__actions form__actions--inline">
          <button type="submit" className="button button--primary" disabled={s.busy}>
            <FormattedMessage id="common.save" />
          </button>
          <span role="status" className="form__status">
            {s.saved ? <FormattedMessage id="admin.saved" /> : null}
          </span>
        </div>
      </form>
    </Section>
  );
}

function DaysOffSection({ timeZone }: { timeZone: string }) {
  const intl = useIntl();
  const thisYear = yearIn(timeZone);
  const [year, setYear] = useState(thisYear);
  const years = Array.from({ length: 6 }, (_, i) => thisYear - 1 + i);
  if (!years.includes(year)) years.push(year);
  return (
    <Section
      id="jours-feries"
      title={<FormattedMessage id="admin.org.daysOff.title" />}
      intro={<FormattedMessage id="admin.org.daysOff.intro" />}
    >
      <div className="form">
        <SelectField
          id="org-days-off-year"
          label={intl.formatMessage({ id: 'admin.org.daysOff.year' })}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      {/* A new year is a fresh load of both lists. */}
      <YearDaysOff key={year} year={year} onYear={setYear} />
    </Section>
  );
}

function YearDaysOff({ year, onYear }: { year: number; onYear(year: number): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const closures = useApiData(() => adminApi.closureDays(year));
  const holidays = useApiData(() => adminApi.holidays(year));
  const [day, setDay] = useState('');
  const [label, setLabel] = useState('');
  const [missingDay, setMissingDay] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'added' | 'removed' | null>(null);
  const dayInput = useRef<HTMLInputElement>(null);
  const { ref: closureForm, focusInvalid: focusClosureInvalid } = useFocusInvalid();

  async function add(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setMissingDay(true);
      dayInput.current?.focus();
      return;
    }
    setMissingDay(false);
    setBusy(true);
    setError(null);
    try {
      await adminApi.setClosureDay(day, label.trim());
      const addedYear = Number(day.slice(0, 4));
      setDone('added');
      setLabel('');
      setDay('');
      if (addedYear !== year) onYear(addedYear);
      else await Promise.all([closures.reload(), holidays.reload()]);
    } catch (caught) {
      setError(caught);
      focusClosureInvalid();
    } finally {
      setBusy(false);
    }
  }

  async function remove(value: string) {
    setError(null);
    setDone(null);
    try {
      await adminApi.deleteClosureDay(value);
      setDone('removed');
      await Promise.all([closures.reload(), holidays.reload()]);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      <h3 className="card__subtitle">
        <FormattedMessage id="admin.org.closures.title" values={{ year }} />
      </h3>
      {error && !fieldError(error, 'day') && !fieldError(error, 'label') ? <Alert kind="error" title={errorText(error)} /> : null}
      <p role="status" className="visually-hidden">
        {done === 'added' ? <FormattedMessage id="admin.org.closures.added" /> : null}
        {done === 'removed' ? <FormattedMessage id="admin.org.closures.removed" /> : null}
      </p>
      {!closures.data ? (
        <LoadState error={closures.error} onRetry={() => void closures.reload()} />
      ) : closures.data.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="admin.org.closures.none" />
        </p>
      ) : (
        <ul className="item-list">
          {closures.data.map((c) => (
            <li key={c.day} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">
                  <CivilDate value={c.day} />
                </p>
                <p className="item-list__meta">{c.label || <FormattedMessage id="admin.org.closures.noLabel" />}</p>
              </div>
              <div className="item-list__actions">
                <ConfirmButton confirmLabel={<FormattedMessage id="admin.org.closures.removeConfirm" />} onConfirm={() => remove(c.day)}>
                  <FormattedMessage id="admin.remove" />
                  <span className="visually-hidden">
                    {' '}
                    <CivilDate value={c.day} withWeekday={false} />
                  </span>
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form ref={closureForm} noValidate className="form form--boxed" onSubmit={(e) => void add(e)}>
        <p className="form__title">
          <FormattedMessage id="admin.org.closures.add" />
        </p>
        <div className="form-row">
          <TextField
            ref={dayInput}
            id="closure-day"
            type="date"
            label={intl.formatMessage({ id: 'admin.org.closures.day' })}
            value={day}
            onChange={(e) => setDay(e.target.value)}
            error={missingDay ? intl.formatMessage({ id: 'admin.org.closures.dayRequired' }) : fieldError(error, 'day')}
            required
          />
          <TextField
            id="closure-label"
            label={intl.formatMessage({ id: 'admin.org.closures.label' })}
            hint={intl.formatMessage({ id: 'admin.org.closures.labelHint' })}
            value={label}
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
            error={fieldError(error, 'label')}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            <FormattedMessage id="admin.org.closures.addButton" />
          </button>
        </div>
      </form>

      <h3 className="card__subtitle">
        <FormattedMessage id="admin.org.holidays.title" values={{ year }} />
      </h3>
      <p className="muted">
        <FormattedMessage id="admin.org.holidays.intro" />
      </p>
      {!holidays.data ? (
        <LoadState error={holidays.error} onRetry={() => void holidays.reload()} />
      ) : (
        <ul className="item-list holiday-list">
          {holidays.data.holidays.map((h) => (
            <li key={`${h.date}-${h.key}`} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">{h.label || <FormattedMessage id="admin.org.closures.noLabel" />}</p>
                <p className="item-list__meta">
                  <CivilDate value={h.date} />
                </p>
              </div>
              <p className={h.key === 'closure' ? 'tag tag--closure' : 'tag'}>
                <FormattedMessage id={h.key === 'closure' ? 'admin.org.holidays.closure' : 'admin.org.holidays.statutory'} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function OrganisationPage() {
  const intl = useIntl();
  const data = useApiData(adminApi.organisation);
  const [settings, setSettings] = useState<OrganisationSettings | undefined>(undefined);
  const current = settings ?? data.data;
  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.org.title' })} intro={<FormattedMessage id="admin.org.intro" />}>
      {!current ? (
        <LoadState error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <div className="stack">
          <GeneralSection settings={current} onSaved={setSettings} />
          <CalendarSection settings={current} onSaved={setSettings} />
          <SecondFactorSection settings={current} onSaved={setSettings} />
          <DaysOffSection timeZone={current.timeZone} />
        </div>
      )}
    </AdminPage>
  );
}
