// What an upload is, decided from its bytes — never from its name or the client's type
// (DESIGN.md §7: detected types). Accepted: images, PDF, video, audio, ZIP, plain text, HTML
// (kept as evidence, only ever served as a download) and e-mails (.eml, RFC 5322). Anything
// else — executables, scripts, office macros, disk images, unknown binaries — is refused.
import { looksLikeEmail } from './eml.js';

export interface DetectedType {
  mime: string;
  ext: string;
}

export type Classification =
  | { accepted: true; mediaType: string; ext: string; family: MediaFamily }
  | { accepted: false; detected: string };

export type MediaFamily = 'image' | 'pdf' | 'video' | 'audio' | 'zip' | 'text' | 'html' | 'email';

const ACCEPTED_EXACT: Record<string, MediaFamily> = {
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/ogg': 'audio',
};

function familyOf(mime: string): MediaFamily | undefined {
  const exact = ACCEPTED_EXACT[mime];
  if (exact) return exact;
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return undefined;
}

/** Bytes that read as text: no NUL, valid UTF-8 or (8-bit mail) few control characters. */
export function textOf(head: Uint8Array): { text: string; utf8: boolean } | undefined {
  if (head.length === 0) return undefined;
  if (head.includes(0)) return undefined;
  try {
    // stream: true tolerates a character cut at the end of the sample.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(head, { stream: true }), utf8: true };
  } catch {
    let control = 0;
    for (const byte of head)
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
    if (control / head.length > 0.01) return undefined;
    return { text: new TextDecoder('latin1').decode(head), utf8: false };
  }
}

const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|script|iframe|div|table|p)[\s>/]/i;

/**
 * Classifies an upload from `detected` (magic numbers, by the file-type package) and `head`
 * (its first bytes, for the text-based formats that have no magic number).
 */
export function classifyUpload(detected: DetectedType | undefined, head: Uint8Array): Classification {
  if (detected) {
    const family = familyOf(detected.mime);
    if (!family) return { accepted: false, detected: detected.mime };
    return { accepted: true, mediaType: detected.mime, ext: detected.ext, family };
  }
  const decoded = textOf(head);
  if (!decoded) return { accepted: false, detected: 'application/octet-stream' };
  const text = decoded.text.replace(/^\uFEFF/, '');
  // A script is a program even when it is text.
  if (text.startsWith('#!')) return { accepted: false, detected: 'text/x-script' };
  if (looksLikeEmail(text)) return { accepted: true, mediaType: 'message/rfc822', ext: 'eml', family: 'email' };
  if (HTML_START.test(text.slice(0, 4096))) return { accepted: true, mediaType: 'text/html', ext: 'html', family: 'html' };
  return { accepted: true, mediaType: decoded.utf8 ? 'text/plain; charset=utf-8' : 'text/plain', ext: 'txt', family: 'text' };
}

/** Media types whose bytes gain nothing from zip compression. */
export function isCompressed(mediaType: string): boolean {
  return (
    (/^(image|video|audio)\//.test(mediaType) && !/^image\/(bmp|tiff|x-icon|svg)/.test(mediaType)) ||
    ['application/zip', 'application/pdf', 'application/ogg', 'application/wacz'].includes(mediaType.split(';')[0] ?? '')
  );
}

const EXT_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/json': 'json',
  'application/wacz': 'wacz',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
  'message/rfc822': 'eml',
  'text/html': 'html',
  'text/plain': 'txt',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
};

const EXT_BY_KIND: Record<string, string> = {
  screenshot: 'png',
  viewport: 'png',
  pdf: 'pdf',
  mhtml: 'mhtml',
  html: 'html',
  http: 'json',
  wacz: 'wacz',
  thumbnail: 'jpg',
};

/** A file extension for an artefact (bundle paths, download names). */
export function extensionFor(kind: string, mediaType: string): string {
  const base = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  const known = EXT_BY_TYPE[base];
  if (known) return known;
  const kindExt = EXT_BY_KIND[kind];
  if (kindExt) return kindExt;
  const sub = /^[a-z]+\/(?:x-)?([a-z0-9]{1,8})$/.exec(base)?.[1];
  return sub ?? 'bin';
}
