// The administration screens' addresses (French words), shared by the feature file, the
// section navigation and the links between screens.
export const adminPaths = {
  home: '/admin',
  organisation: '/admin/organisation',
  units: '/admin/unites',
  persons: '/admin/personnel',
  newPerson: '/admin/personnel/nouvelle',
  person: (id: string) => `/admin/personnel/${encodeURIComponent(id)}`,
  importPersons: '/admin/personnel/importer',
  users: '/admin/comptes',
  newUser: '/admin/comptes/nouveau',
  user: (id: string) => `/admin/comptes/${encodeURIComponent(id)}`,
  roles: '/admin/roles',
  mail: '/admin/courriels',
  playbook: '/admin/procedure',
} as const;
