// A destructive action in two steps (revoke a token, close a session): the first press asks,
// the second does it. No modal dialog: focus moves to the confirmation and back on cancel.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';

export function ConfirmButton({
  children,
  confirmLabel,
  onConfirm,
  busy = false,
}: {
  children: ReactNode;
  confirmLabel: ReactNode;
  onConfirm(): void | Promise<void>;
  busy?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      start.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button ref={start} type="button" className="button button--secondary button--small" onClick={() => setAsking(true)} disabled={busy}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        ref={confirm}
        type="button"
        className="button button--danger button--small"
        disabled={busy}
        onClick={() => {
          void Promise.resolve(onConfirm()).finally(() => setAsking(false));
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => {
          returnFocus.current = true;
          setAsking(false);
        }}
      >
        <FormattedMessage id="common.cancel" />
      </button>
    </span>
  );
}
