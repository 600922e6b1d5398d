// The text to show for a failed request: the server's own message (already in the UI language,
// sent with Accept-Language), or ours when the server could not be reached or said nothing usable.
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isApiError } from '../api/client';

export function useErrorText(): (error: unknown) => string {
  const intl = useIntl();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error)) {
        if (error.code === 'network') return intl.formatMessage({ id: 'common.error.network' });
        if (error.message) return error.message;
      }
      return intl.formatMessage({ id: 'common.error.unexpected' });
    },
    [intl],
  );
}

/** The server's message for one field of an `invalid_input` answer. */
export function fieldError(error: unknown, path: string): string | undefined {
  return isApiError(error, 'invalid_input') ? error.fieldMessage(path) : undefined;
}
