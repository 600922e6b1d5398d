// A titled card section of a page; the heading labels the region for screen-reader navigation.
import { type ReactNode, useId } from 'react';

export function Section({ title, intro, children, id }: { title: ReactNode; intro?: ReactNode; children?: ReactNode; id?: string }) {
  const generated = useId();
  const headingId = `${id ?? generated}-title`;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <h2 className="card__title" id={headingId}>
        {title}
      </h2>
      {intro ? <div className="card__lead">{intro}</div> : null}
      {children}
    </section>
  );
}
