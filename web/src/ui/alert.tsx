// Messages above a form or in a section. Errors use role="alert" so screen readers announce them
// when they appear; success and information use role="status" (polite).
import type { ReactNode, Ref } from 'react';

interface AlertProps {
  kind: 'error' | 'success' | 'info' | 'warning';
  title?: ReactNode;
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}

export function Alert({ kind, title, children, ref }: AlertProps) {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div ref={ref} className={`alert alert--${kind}`} role={role}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}
