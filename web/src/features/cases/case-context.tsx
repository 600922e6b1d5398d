// The case shown on the case page, shared by its sections: each section reads `detail`, and
// after a change either replaces it with the API's answer (PATCH /cases/{id} returns the whole
// case) or reloads it (a task change moves tasks and participants too).
import { createContext, useContext } from 'react';
import type { CaseDetail } from './api';

export interface CaseContextValue {
  detail: CaseDetail;
  /** Reads the case again; resolves to the fresh copy (undefined if the read failed). */
  reload(): Promise<CaseDetail | undefined>;
  /** Puts a copy the API returned in place. */
  replace(detail: CaseDetail): void;
  /** The current time, ticking every 30 s, for every countdown of the page. */
  now: Date;
}

export const CaseContext = createContext<CaseContextValue | null>(null);

export function useCase(): CaseContextValue {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCase outside the case page');
  return value;
}
