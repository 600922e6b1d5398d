// Every page starts with <Page title=…>: it sets the document title and, after a client-side
// navigation, moves focus to the page's heading so keyboard and screen-reader users land on the
// new content (WCAG 2.4.3) instead of staying on the link they activated.
import { type ReactNode, useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useLocation } from 'react-router';

export function Page({
  title,
  intro,
  children,
  narrow = false,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  narrow?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const intl = useIntl();

  useEffect(() => {
    document.title = intl.formatMessage({ id: 'shell.documentTitle' }, { page: title });
  }, [intl, title]);

  useEffect(() => {
    // 'default' is the page the browser loaded: leave focus at the top of the document there.
    if (location.key !== 'default') heading.current?.focus();
  }, [location.key]);

  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <h1 ref={heading} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {intro ? <div className="page__intro">{intro}</div> : null}
      {children}
    </div>
  );
}
