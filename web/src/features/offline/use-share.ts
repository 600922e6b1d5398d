// Opens what was shared into the app, for the report form (/signaler?partage=…):
//   partage=<id>     kept on the device by the service worker (files included), read back here;
//   partage=direct   no worker handled the share: the server redirected with the title, text and
//                    link in the address's fragment and the number of files it could not keep;
//   partage=echec    the worker could not read or keep the share.
// The text becomes the summary (without its links), every web address found becomes a link,
// shared files become attachments.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isWebUrl, newIdempotencyKey } from '../report/idempotency-key';
import type { Attachment } from './queue';
import { discardShare, readShare } from './share-inbox';
import { vaultAvailable } from './vault';

export interface SharePrefill {
  summary: string;
  links: string[];
  attachments: Attachment[];
}

export type ShareNotice =
  | { kind: 'received'; files: number; skipped: number }
  | { kind: 'filesLost'; files: number }
  | { kind: 'failed' }
  | { kind: 'gone' };

const URLS = /\bhttps?:\/\/[^\s<>"]+/gi;

/** Links in the shared texts, first the `url` field, without trailing punctuation. */
export function sharedLinks(...texts: Array<string | undefined>): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const match of text?.match(URLS) ?? []) {
      const link = match.replace(/[).,;:!?»”’]+$/, '');
      if (isWebUrl(link) && !found.includes(link)) found.push(link);
    }
  }
  return found;
}

/** The shared words without their links (an app often shares "Look at this https://…"). */
export function sharedSummary(title: string | undefined, text: string | undefined): string {
  const clean = (s: string | undefined) =>
    (s ?? '')
      .replace(URLS, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim();
  const parts = [clean(title), clean(text)].filter((p, i, all) => p && all.indexOf(p) === i);
  return parts.join('\n');
}

/**
 * Reads the share named in the address once; `apply` gets the prefill. Returns the notice to show
 * and the id of the share kept on the device (to discard once the report is sent or queued).
 */
export function useShare(apply: (prefill: SharePrefill) => void): { notice: ShareNotice | undefined; shareId: string | undefined } {
  const [params] = useSearchParams();
  const partage = params.get('partage');
  const [notice, setNotice] = useState<ShareNotice | undefined>();
  const [shareId, setShareId] = useState<string | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: read the share named in the address once
  useEffect(() => {
    if (!partage) return;
    let stopped = false;
    if (partage === 'direct') {
      const fragment = new URLSearchParams(window.location.hash.slice(1));
      const title = fragment.get('title') ?? undefined;
      const text = fragment.get('text') ?? undefined;
      const url = fragment.get('url') ?? undefined;
      const files = Number(fragment.get('files') ?? '0') || 0;
      apply({ summary: sharedSummary(title, text), links: sharedLinks(url, text, title), attachments: [] });
      setNotice(files > 0 ? { kind: 'filesLost', files } : { kind: 'received', files: 0, skipped: 0 });
      return;
    }
    if (partage === 'echec' || !vaultAvailable()) {
      setNotice({ kind: 'failed' });
      return;
    }
    readShare(partage)
      .then((share) => {
        if (stopped) return;
        if (!share) return setNotice({ kind: 'gone' });
        const attachments: Attachment[] = share.files.flatMap((f) => {
          const blob = share.blobs.get(f.id);
          return blob
            ? [
                {
                  id: f.id,
                  blob,
                  name: f.name,
                  type: f.type,
                  size: f.size,
                  origin: 'share' as const,
                  sha256: f.sha256,
                  idempotencyKey: newIdempotencyKey(),
                },
              ]
            : [];
        });
        apply({ summary: sharedSummary(share.title, share.text), links: sharedLinks(share.url, share.text, share.title), attachments });
        setShareId(share.id);
        setNotice({ kind: 'received', files: attachments.length, skipped: share.skipped + share.files.length - attachments.length });
      })
      .catch(() => {
        if (!stopped) setNotice({ kind: 'failed' });
      });
    return () => {
      stopped = true;
    };
  }, [partage]);

  return { notice, shareId };
}

export { discardShare };
