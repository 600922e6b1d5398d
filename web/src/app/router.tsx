// The route tree, built from the feature registry (web/src/features/registry.ts):
//   public pages  → PublicLayout (no session needed; signed-in users may still open them)
//   user pages    → SignedIn guard → AppFrame (role check, second-factor enrolment redirect)
//   anything else → the 404 page, in whichever frame fits the session.
import { createBrowserRouter, Navigate, Outlet, type RouteObject, useLocation, useMatches } from 'react-router';
import { AppFrame } from '../features/shell/app-frame';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from '../features/shell/error-pages';
import { PublicLayout } from '../features/shell/public-layout';
import { LoadingScreen, UnreachableScreen } from '../features/shell/status-screens';
import { features } from '../features/registry';
import type { Role } from '../api/auth';
import { holdsAnyRole, type PageDef } from './feature';
import { loginPathFor, paths } from './paths';

interface RouteHandle {
  roles?: readonly Role[];
  allowWithoutTotp?: boolean;
}
import { useSession } from './session';

function SignedIn() {
  const { state } = useSession();
  const location = useLocation();
  const matches = useMatches();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'unreachable') return <UnreachableScreen />;
  if (state.status === 'anonymous') {
    // The hash too: a share the server passed on (/signaler?partage=direct#…) survives sign-in.
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={state.reason === 'signed_out' ? paths.login : loginPathFor(here)} replace />;
  }
  const handles = matches.map((m) => (m.handle ?? {}) as RouteHandle);
  if (state.me.mustEnrolTotp && !handles.some((h) => h.allowWithoutTotp)) return <Navigate to={paths.totpEnrolment} replace />;
  const me = state.me;
  const allowed = handles.every((h) => holdsAnyRole(me.roles, h.roles));
  return <AppFrame>{allowed ? undefined : <ForbiddenPage />}</AppFrame>;
}

/** 404 inside the frame that matches the session. */
function AnyLayout() {
  const { state } = useSession();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'authenticated') return <AppFrame />;
  return <PublicLayout />;
}

function toRoute(page: PageDef): RouteObject {
  const handle: RouteHandle = {
    ...(page.roles ? { roles: page.roles } : {}),
    ...(page.allowWithoutTotp ? { allowWithoutTotp: true } : {}),
  };
  return {
    path: page.path,
    handle,
    async lazy() {
      const { default: Component } = await page.load();
      return { Component };
    },
  };
}

const publicPages = features.flatMap((f) => f.pages.filter((p) => p.access === 'public'));
const userPages = features.flatMap((f) => f.pages.filter((p) => p.access !== 'public'));

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    children: [
      { element: <PublicLayout />, children: publicPages.map(toRoute) },
      { element: <SignedIn />, children: userPages.map(toRoute) },
      { element: <AnyLayout />, children: [{ path: '*', element: <NotFoundPage /> }] },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
