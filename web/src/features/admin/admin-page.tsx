// The frame of every admin screen: the page title (focus and document title, from <Page>), the
// administration's section navigation, then the screen.
import type { ReactNode } from 'react';
import { Page } from '../shell/page';
import { AdminNav } from './admin-nav';

export function AdminPage({
  title,
  intro,
  children,
  nav = true,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  /** The section navigation (the administration's home lists the sections itself). */
  nav?: boolean;
}) {
  return (
    <Page title={title} intro={intro}>
      <div className="admin">
        {nav ? <AdminNav /> : null}
        {children}
      </div>
    </Page>
  );
}
