// Looks at an uploaded file on disk: its type by content (file-type's magic numbers, then the
// text sniffing of src/domain/evidence/media.ts), image EXIF (exifr) and dimensions (sharp),
// e-mail headers (the first bytes, parsed by src/domain/evidence/eml.ts). Reads are bounded:
// the first bytes for types and headers, exifr's own chunked reads for EXIF.
import { open } from 'node:fs/promises';
import exifr from 'exifr';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { parseEmail, type EmailMeta } from '../../domain/evidence/eml.js';
import { type Classification, classifyUpload } from '../../domain/evidence/media.js';
import { type JsonValue, jsonSafe } from '../../domain/evidence/meta.js';

const SNIFF_BYTES = 65_536;
/** Header blocks longer than this are kept truncated (and say so). */
const EMAIL_HEADER_BYTES = 1_048_576;

async function readHead(path: string, bytes: number): Promise<{ data: Uint8Array; eof: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const size = (await handle.stat()).size;
    return { data: buffer.subarray(0, bytesRead), eof: bytesRead >= size };
  } finally {
    await handle.close();
  }
}

export async function detectMedia(path: string): Promise<Classification> {
  const detected = await fileTypeFromFile(path);
  const { data } = await readHead(path, SNIFF_BYTES);
  return classifyUpload(detected ? { mime: detected.mime, ext: detected.ext } : undefined, data);
}

export async function readEmailHeaders(path: string): Promise<EmailMeta> {
  const { data, eof } = await readHead(path, EMAIL_HEADER_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data, { stream: !eof });
  } catch {
    // 8-bit headers in another charset: each byte kept as one character.
    text = new TextDecoder('latin1').decode(data);
  }
  return parseEmail(text, { truncated: !eof && !/\r?\n\r?\n/.test(text) });
}

// EXIF tags worth keeping as evidence: when, with what, where, and the software that touched it.
const EXIF_PICK = [
  'DateTimeOriginal',
  'CreateDate',
  'ModifyDate',
  'OffsetTimeOriginal',
  'OffsetTime',
  'SubSecTimeOriginal',
  'Make',
  'Model',
  'LensModel',
  'Software',
  'Artist',
  'Copyright',
  'ImageDescription',
  'Orientation',
  'ExifImageWidth',
  'ExifImageHeight',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
  'GPSAltitude',
  'GPSDateStamp',
  'GPSTimeStamp',
  'latitude',
  'longitude',
];

export interface ImageFacts {
  exif?: JsonValue;
  image?: { width: number; height: number; format: string };
}

/** EXIF (raw values: EXIF dates carry no time zone, so they are not turned into instants) and size. */
export async function readImageFacts(path: string): Promise<ImageFacts> {
  const facts: ImageFacts = {};
  try {
    const raw = (await exifr.parse(path, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: false,
      icc: false,
      iptc: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: true,
    })) as Record<string, unknown> | undefined;
    if (raw) {
      const picked: Record<string, unknown> = {};
      for (const key of EXIF_PICK) if (raw[key] !== undefined) picked[key] = raw[key];
      if (Object.keys(picked).length > 0) facts.exif = jsonSafe(picked) ?? null;
    }
  } catch {
    // No EXIF, or unreadable: nothing to add.
  }
  try {
    const m = await sharp(path, { failOn: 'none' }).metadata();
    if (m.width && m.height) facts.image = { width: m.width, height: m.height, format: String(m.format ?? '') };
  } catch {
    // A format sharp cannot read (HEIC without a decoder…): no dimensions.
  }
  return facts;
}
