// "Mes tâches": the open tasks of the signed-in user across cases; also a panel on the home page
// of the roles whose work is tasks (supervisor, IT, HR, general direction, counsel).
import type { Feature } from '../../app/feature';

const taskRoles = ['supervisor', 'general_direction', 'hr', 'it', 'legal', 'union'] as const;

export const tasksFeature: Feature = {
  id: 'tasks',
  pages: [{ path: '/taches', load: () => import('./my-tasks-page') }],
  nav: [{ path: '/taches', labelId: 'nav.tasks', order: 20, roles: [...taskRoles, 'staff'] }],
  homePanels: [{ id: 'my-tasks', load: () => import('./home-panel'), order: 20, roles: taskRoles }],
};
