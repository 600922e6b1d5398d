// What a screen shows while its data loads, or when loading failed (with a retry button).
import { FormattedMessage } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';

export function LoadState({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const errorText = useErrorText();
  if (error) {
    return (
      <Alert kind="error" title={errorText(error)}>
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          <FormattedMessage id="common.retry" />
        </button>
      </Alert>
    );
  }
  return (
    <p className="muted" role="status">
      <FormattedMessage id="common.loading" />
    </p>
  );
}
