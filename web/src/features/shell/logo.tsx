// The Rempart mark: a rampart with a gate. Decorative; the product name is always written beside it.
export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" />
      <path d="M6 26V10l4-3 4 3 4-3 4 3 4-3v19z" fill="#fff" />
      <rect x="13" y="17" width="6" height="9" fill="currentColor" />
    </svg>
  );
}
