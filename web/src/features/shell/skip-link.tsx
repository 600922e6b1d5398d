// "Skip to content" (WCAG 2.4.1): the first thing a keyboard user reaches. It moves focus with
// script rather than through the URL fragment, which the password-reset page uses for its token.
import { FormattedMessage } from 'react-intl';

export function SkipLink() {
  return (
    // biome-ignore lint/a11y/useValidAnchor: a skip link is a link (WCAG G1); the handler only keeps the URL fragment untouched
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        const main = document.getElementById('main');
        if (!main) return;
        event.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
    >
      <FormattedMessage id="shell.skipToContent" />
    </a>
  );
}
