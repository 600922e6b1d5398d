// A SHA-256 shown short (first and last 8 characters, enough to compare by eye) with a button that
// copies the whole value; the full value is in the element's data and title for those who need it.
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { copyText } from '../../ui/copy-button';
import { shortHash } from './sha256';

/** `what` names the hashed thing for the copy button's accessible name ("de capture.png"). */
export function HashValue({ value, what }: { value: string; what: string }) {
  const intl = useIntl();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = window.setTimeout(() => setResult('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);
  return (
    <span className="hash">
      <code className="hash__value" title={value} data-sha256={value}>
        {shortHash(value)}
      </code>
      <button
        type="button"
        className="button button--ghost button--small hash__copy"
        aria-label={intl.formatMessage({ id: 'evidence.hash.copyLabel' }, { what })}
        onClick={() => void copyText(value).then((ok) => setResult(ok ? 'copied' : 'failed'))}
      >
        <FormattedMessage id="evidence.hash.copy" />
      </button>
      <span className="hash__status" role="status">
        {result === 'copied' ? (
          <FormattedMessage id="common.copied" />
        ) : result === 'failed' ? (
          <FormattedMessage id="common.copyFailed" />
        ) : null}
      </span>
    </span>
  );
}
