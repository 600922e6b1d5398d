// A polite live region that is always in the page (so screen readers announce what appears in
// it) and shows a success message after an action.
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="status-message">
      {message ? (
        <div className="alert alert--success">
          <p className="alert__title">{message}</p>
        </div>
      ) : null}
    </div>
  );
}
