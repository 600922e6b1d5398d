// Form pieces the admin screens need beyond web/src/ui (select, text area, check boxes, a group of
// check boxes), with the same rules as TextField: visible label, hint and error tied with
// aria-describedby, aria-invalid on error.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({ id, label, hint, error, children, className, ref, ...select }: SelectFieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select ref={ref} id={id} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ id, label, hint, error, className, ref, ...area }: TextAreaFieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea ref={ref} id={id} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} {...area} />
    </div>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'children'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** One check box with its label on the right (and an optional hint below). */
export function Checkbox({ id, label, hint, className, ref, ...input }: CheckboxProps) {
  return (
    <div className={`check${className ? ` ${className}` : ''}`}>
      <label className="choice" htmlFor={id}>
        <input ref={ref} id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
        <span>{label}</span>
      </label>
      {hint ? (
        <p className="field__hint check__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A fieldset of check boxes (or radio buttons, given as children) with a legend; the error is
 * announced with the group. `columns` lays short choices out in a grid on wider screens.
 */
export function ChoiceGroup({
  id,
  legend,
  hint,
  error,
  children,
  columns = false,
  className,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  columns?: boolean;
  className?: string;
}) {
  return (
    <fieldset
      id={id}
      className={`choices${error ? ' choices--invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={columns ? 'choices__grid' : 'choices__list'}>{children}</div>
    </fieldset>
  );
}

/**
 * After a refused form, focus its first invalid field (WCAG 3.3.1; docs/ui.md): `ref` goes on
 * the form, `focusInvalid()` is called with the state change that shows the errors, and the
 * focus moves once that render is on screen.
 */
export function useFocusInvalid<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], .choices--invalid')?.focus();
  }, [requests]);
  const focusInvalid = useCallback(() => setRequests((n) => n + 1), []);
  return { ref, focusInvalid };
}
