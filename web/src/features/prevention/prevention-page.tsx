// "Conseils de prévention" (/prevention): section 3 of the procedure (warnings on the use of
// social media and the Internet, 3.1–3.5), each in the procedure's own words with a short
// explanation, then "agir vite" (sections 2 and 5.1). Text in the catalogues (fr-CA source).
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Page } from '../shell/page';

const warnings = ['3_1', '3_2', '3_3', '3_4', '3_5'] as const;

export default function PreventionPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'prevention.title' })} intro={<FormattedMessage id="prevention.intro" />}>
      <ol className="prevention-list">
        {warnings.map((w) => (
          <li key={w} className="card prevention-item">
            <h2 className="card__title prevention-item__title">
              <span className="step-key">{w.replace('_', '.')}</span> <FormattedMessage id={`prevention.${w}.title`} />
            </h2>
            <blockquote className="quote">
              <p>
                <FormattedMessage id={`prevention.${w}.quote`} />
              </p>
            </blockquote>
            <p>
              <FormattedMessage id={`prevention.${w}.explain`} />
            </p>
            <ul className="prevention-item__tips">
              {(['tip1', 'tip2'] as const).map((tip) => (
                <li key={tip}>
                  <FormattedMessage id={`prevention.${w}.${tip}`} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <section className="card card--calm prevention-fast" aria-labelledby="prevention-fast-title">
        <h2 id="prevention-fast-title" className="card__title">
          <FormattedMessage id="prevention.fast.title" />
        </h2>
        <blockquote className="quote">
          <p>
            <FormattedMessage id="prevention.fast.quote" />
          </p>
        </blockquote>
        <blockquote className="quote">
          <p>
            <FormattedMessage id="prevention.fast.quote2" />
          </p>
        </blockquote>
        <p>
          <FormattedMessage id="prevention.fast.body" />
        </p>
        <p>
          <Link to="/signaler" className="button button--primary">
            <FormattedMessage id="prevention.fast.action" />
          </Link>
        </p>
      </section>
      <p className="muted prevention-source">
        <FormattedMessage id="prevention.source" />
      </p>
    </Page>
  );
}
