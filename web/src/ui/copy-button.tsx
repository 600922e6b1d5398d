// Copies a secret (API token, recovery codes) to the clipboard. The Clipboard API needs a secure
// context; on a plain-HTTP intranet address the older execCommand path is used instead.
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';

/** Copies text; true when it worked. Shared by every copy button. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ text, labelId = 'common.copy', className }: { text: string; labelId?: string; className?: string }) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = window.setTimeout(() => setResult('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);
  return (
    <span className="copy">
      <button
        type="button"
        className={className ?? 'button button--secondary'}
        onClick={() => void copyText(text).then((ok) => setResult(ok ? 'copied' : 'failed'))}
      >
        <FormattedMessage id={labelId} />
      </button>
      <span className="copy__status" role="status">
        {result === 'copied' ? (
          <FormattedMessage id="common.copied" />
        ) : result === 'failed' ? (
          <FormattedMessage id="common.copyFailed" />
        ) : null}
      </span>
    </span>
  );
}
