// Which steps a change made appear or retire: the tasks before and after a PATCH of the flags
// (the server re-plans: steps that now apply appear, those that no longer apply become
// not applicable, done ones stay done).
import type { Task } from './api';

const active = (t: Task) => t.status === 'open' || t.status === 'pending';

export function diffTasks(before: readonly Task[], after: readonly Task[]): { appeared: Task[]; retired: Task[] } {
  const old = new Map(before.map((t) => [t.id, t]));
  const appeared = after.filter((t) => {
    const was = old.get(t.id);
    return active(t) && (!was || !active(was));
  });
  const retired = after.filter((t) => {
    const was = old.get(t.id);
    return !active(t) && t.status === 'not_applicable' && was !== undefined && active(was);
  });
  return { appeared, retired };
}
