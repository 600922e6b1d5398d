// Places in the shell that features fill (web/src/app/feature.ts `homePanels`, `headerItems`):
// each slot's module is loaded once, on first render, and shown only to the roles it names.
import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { features } from '../features/registry';
import { holdsAnyRole, type SlotDef } from './feature';
import { useMe } from './session';

const components = new Map<SlotDef, LazyExoticComponent<ComponentType>>();

function componentOf(slot: SlotDef): LazyExoticComponent<ComponentType> {
  let component = components.get(slot);
  if (!component) {
    component = lazy(slot.load);
    components.set(slot, component);
  }
  return component;
}

const places = {
  home: features.flatMap((f) => f.homePanels ?? []).sort((a, b) => a.order - b.order),
  header: features.flatMap((f) => f.headerItems ?? []).sort((a, b) => a.order - b.order),
} as const;

export function hasSlots(place: keyof typeof places, grants: Parameters<typeof holdsAnyRole>[0]): boolean {
  return places[place].some((slot) => holdsAnyRole(grants, slot.roles));
}

/** The slots of one place the signed-in user may see, in order. */
export function FeatureSlots({ place }: { place: keyof typeof places }) {
  const me = useMe();
  const visible = places[place].filter((slot) => holdsAnyRole(me.roles, slot.roles));
  if (visible.length === 0) return null;
  return (
    <Suspense fallback={null}>
      {visible.map((slot) => {
        const Component = componentOf(slot);
        return <Component key={slot.id} />;
      })}
    </Suspense>
  );
}
