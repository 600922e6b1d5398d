// Units and associations, needed by most admin screens (select boxes, names in lists).
import { useMemo } from 'react';
import { useApiData } from '../../api/use-api-data';
import { type Association, adminApi, type Unit } from './admin-api';

export interface Lookups {
  units: Unit[];
  associations: Association[];
  unitName(id: string | null | undefined): string | undefined;
  associationName(id: string | null | undefined): string | undefined;
}

const load = () => Promise.all([adminApi.units(), adminApi.associations()]);

export function useLookups(): { lookups: Lookups | undefined; error: unknown; reload(): Promise<void> } {
  const data = useApiData(load);
  const lookups = useMemo(() => {
    if (!data.data) return undefined;
    const [units, associations] = data.data;
    const unitNames = new Map(units.map((u) => [u.id, u.code ? `${u.name} (${u.code})` : u.name]));
    const associationNames = new Map(associations.map((a) => [a.id, a.name]));
    return {
      units,
      associations,
      unitName: (id: string | null | undefined) => (id ? unitNames.get(id) : undefined),
      associationName: (id: string | null | undefined) => (id ? associationNames.get(id) : undefined),
    };
  }, [data.data]);
  return { lookups, error: data.error, reload: data.reload };
}
