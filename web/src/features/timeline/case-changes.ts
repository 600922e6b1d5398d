// The case page's panels load their own lists (evidence, records, participants, timeline). When
// one of them changes something, it says so here and the others that show it (the timeline)
// read again — without touching the shared case context.
import { useEffect, useRef } from 'react';

const target = new EventTarget();

/** Something of this case changed (a record saved, a file kept, someone added…). */
export function announceCaseChange(caseId: string): void {
  target.dispatchEvent(new CustomEvent<string>('case-change', { detail: caseId }));
}

/** Calls `onChange` whenever a panel announces a change of this case. */
export function useCaseChanges(caseId: string, onChange: () => void): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const listener = (event: Event) => {
      if ((event as CustomEvent<string>).detail === caseId) callback.current();
    };
    target.addEventListener('case-change', listener);
    return () => target.removeEventListener('case-change', listener);
  }, [caseId]);
}
