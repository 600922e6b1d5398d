// Paths the shell itself links to (sign-in, profile, enrolment). Feature pages declare their own
// paths in their feature file.
export const paths = {
  home: '/',
  login: '/connexion',
  forgotPassword: '/mot-de-passe-oublie',
  resetPassword: '/reinitialiser',
  profile: '/profil',
  totpEnrolment: '/profil/double-authentification',
} as const;

/** A same-site path to return to after sign-in; anything else (other sites, `//host`) is ignored. */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith(paths.login)) return undefined;
  return value;
}

export function loginPathFor(returnTo: string | undefined): string {
  return returnTo && returnTo !== '/' ? `${paths.login}?retour=${encodeURIComponent(returnTo)}` : paths.login;
}
