// Data the takedown screens share: the provider directory (read once per page load), a case's
// removal requests, and "re-check now" followed until its result is in.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { type Directory, type LocationCheck, loadDirectory, type Takedown, takedownsApi } from './api';

export function useDirectory(): { directory: Directory | undefined; error: unknown } {
  const [state, setState] = useState<{ directory: Directory | undefined; error: unknown }>({ directory: undefined, error: null });
  useEffect(() => {
    let live = true;
    loadDirectory().then(
      (directory) => live && setState({ directory, error: null }),
      (error: unknown) => live && setState({ directory: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export interface CaseTakedowns {
  items: Takedown[] | undefined;
  /** 403: this reader sees the case but not its requests (the union alone). */
  forbidden: boolean;
  error: unknown;
  reload(): Promise<void>;
}

export function useCaseTakedowns(caseId: string, enabled: boolean): CaseTakedowns {
  const [state, setState] = useState<Omit<CaseTakedowns, 'reload'>>({ items: undefined, forbidden: false, error: null });
  const generation = useRef(0);
  const reload = useCallback(async () => {
    if (!enabled) return;
    const mine = ++generation.current;
    try {
      const { items } = await takedownsApi.list(caseId);
      if (mine === generation.current) setState({ items, forbidden: false, error: null });
    } catch (error) {
      if (mine !== generation.current) return;
      setState((s) => ({ items: s.items, forbidden: isApiError(error, 'forbidden'), error: isApiError(error, 'forbidden') ? null : error }));
    }
  }, [caseId, enabled]);
  useEffect(() => {
    void reload();
    return () => {
      generation.current += 1;
    };
  }, [reload]);
  return { ...state, reload };
}

export type RecheckState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; check: LocationCheck }
  | { phase: 'waiting' }
  | { phase: 'failed'; error: unknown };

const POLL_MS = 1500;
const POLL_LIMIT_MS = 60_000;

/**
 * POST /locations/{id}/recheck queues a check (202); the worker runs it. The newest check is read
 * before asking, then every 1.5 s until a newer one appears (at most a minute: after that the
 * result shows up later, with the location's status).
 */
export function useRecheck(locationId: string, onFinished: (check: LocationCheck) => void | Promise<unknown>) {
  const [state, setState] = useState<RecheckState>({ phase: 'idle' });
  const alive = useRef(true);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    setState({ phase: 'running' });
    try {
      const before = (await takedownsApi.checks(locationId)).checks[0]?.id;
      await takedownsApi.recheck(locationId);
      const started = Date.now();
      while (alive.current && Date.now() - started < POLL_LIMIT_MS) {
        await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
        if (!alive.current) return;
        const latest = (await takedownsApi.checks(locationId)).checks[0];
        if (latest && latest.id !== before) {
          await finished.current(latest);
          if (alive.current) setState({ phase: 'done', check: latest });
          return;
        }
      }
      if (alive.current) setState({ phase: 'waiting' });
    } catch (error) {
      if (alive.current) setState({ phase: 'failed', error });
    }
  }, [locationId]);

  return { state, run };
}
