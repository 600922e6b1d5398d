// What providers show in place of removed content, and what a log-in wall looks like, in
// English and French (the board's staff browse in both). Markers are data: add a provider's
// wording here when it changes. Matched on the page's normalised visible text (normaliseText:
// lower case, straight apostrophes), never on scripts, where i18n tables would match anything.
import { normaliseText } from './page-text.js';

export interface ProviderMarkers {
  /** Host names (and their subdomains) of the provider, to pick its markers without a provider id. */
  hosts: readonly string[];
  removed: readonly string[];
}

export const removalMarkers: Readonly<Record<string, ProviderMarkers>> = {
  facebook: {
    hosts: ['facebook.com', 'fb.com', 'fb.watch', 'fb.me'],
    removed: [
      "This content isn't available",
      "This content isn't available right now",
      "Ce contenu n'est pas disponible",
      "Ce contenu n'est pas disponible pour le moment",
      'The link you followed may be broken, or the page may have been removed',
      'Le lien que vous avez suivi est peut-être rompu',
    ],
  },
  instagram: {
    hosts: ['instagram.com', 'instagr.am'],
    removed: [
      "Sorry, this page isn't available",
      "Désolé, cette page n'est pas disponible",
      'The link you followed may be broken, or the page may have been removed',
    ],
  },
  threads: {
    hosts: ['threads.net', 'threads.com'],
    removed: ["Sorry, this page isn't available", "Désolé, cette page n'est pas disponible"],
  },
  x: {
    hosts: ['x.com', 'twitter.com'],
    removed: [
      'This post is unavailable',
      'This Tweet is unavailable',
      "Hmm...this page doesn't exist",
      'This Post was deleted by the Post author',
      "Cette publication n'est pas disponible",
      "Hmm... cette page n'existe pas",
      "This account doesn't exist",
      "Ce compte n'existe pas",
      'Account suspended',
      'Compte suspendu',
    ],
  },
  youtube: {
    hosts: ['youtube.com', 'youtu.be'],
    removed: [
      'Video unavailable',
      'Vidéo non disponible',
      "This video isn't available anymore",
      "Cette vidéo n'est plus disponible",
      'This video has been removed',
    ],
  },
  tiktok: {
    hosts: ['tiktok.com'],
    removed: [
      'Video currently unavailable',
      'Vidéo actuellement indisponible',
      "Couldn't find this account",
      'Impossible de trouver ce compte',
    ],
  },
  reddit: {
    hosts: ['reddit.com', 'redd.it'],
    removed: [
      '[removed]',
      '[deleted]',
      'Sorry, this post was removed',
      'Sorry, this post was deleted',
      'Sorry, nobody on Reddit goes by that name',
    ],
  },
};

/** Log-in walls: the page cannot tell whether the content is still there. */
export const loginWallMarkers: readonly string[] = [
  'Log in to continue',
  'Log into Facebook',
  'You must log in to continue',
  'Log in to see',
  'Sign in to continue',
  'Connectez-vous pour continuer',
  'Se connecter à Facebook',
  'Connectez-vous pour voir',
  'Vous devez vous connecter',
];

export const loginPathPattern = /\/(login|log-in|signin|sign-in|accounts\/login|i\/flow\/login|checkpoint|auth)(\/|$|\?)/i;

function hostMatches(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** The provider whose markers apply: the location's recognised provider, else one known by host. */
export function markerProviderFor(providerId: string | null, hosts: readonly string[]): string | null {
  if (providerId && removalMarkers[providerId]) return providerId;
  for (const [id, m] of Object.entries(removalMarkers)) {
    if (hosts.some((h) => m.hosts.some((s) => hostMatches(h.toLowerCase(), s)))) return id;
  }
  return null;
}

/** The first removal marker found: the provider's own, or every provider's for an unknown host. */
export function findRemovalMarker(searchable: string, provider: string | null): string | null {
  const sets = provider ? [removalMarkers[provider]] : Object.values(removalMarkers);
  // The longest (most specific) wording that matches is the one recorded.
  const markers = sets.flatMap((set) => set?.removed ?? []).sort((a, b) => b.length - a.length);
  return markers.find((marker) => searchable.includes(normaliseText(marker))) ?? null;
}

export function findLoginWall(searchable: string, finalUrl: string | null): string | null {
  if (finalUrl) {
    try {
      if (loginPathPattern.test(new URL(finalUrl).pathname)) return 'login_url';
    } catch {
      // not a URL: no path to test
    }
  }
  return loginWallMarkers.find((m) => searchable.includes(normaliseText(m))) ?? null;
}
