// Thumbnails for the UI (320 px wide JPEG): images with sharp, the first page of a PDF with
// pdftoppm (poppler-utils), a frame of a video with ffmpeg — each only when the tool is there;
// without it, or when the file will not render, there is simply no thumbnail. Outputs are temp
// files in the blob store's temp dir (found by its cleanup if the process dies).
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, rm, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { MediaFamily } from '../../domain/evidence/media.js';
import { tempPath } from '../blobs/temp-files.js';

const run = promisify(execFile);
export const THUMBNAIL_WIDTH = 320;
const TOOL_TIMEOUT_MS = 30_000;

const found = new Map<string, string | null>();

/** The path of an executable on PATH, or null (cached). */
export async function findTool(name: string): Promise<string | null> {
  const cached = found.get(name);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      result = candidate;
      break;
    } catch {
      // not here
    }
  }
  found.set(name, result);
  return result;
}

export interface Thumbnail {
  path: string;
  mediaType: 'image/jpeg';
  width: number;
  height: number;
  generator: 'sharp' | 'pdftoppm' | 'ffmpeg';
}

async function nonEmpty(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

/** Scales any picture sharp reads to the thumbnail: EXIF orientation applied, metadata dropped. */
async function scale(input: string, out: string): Promise<{ width: number; height: number }> {
  const info = await sharp(input, { failOn: 'none', limitInputPixels: 268_402_689 })
    .timeout({ seconds: 30 })
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toFile(out);
  return { width: info.width, height: info.height };
}

async function fromImage(input: string, dir: string): Promise<Thumbnail | undefined> {
  const out = tempPath(dir);
  try {
    const size = await scale(input, out);
    return { path: out, mediaType: 'image/jpeg', ...size, generator: 'sharp' };
  } catch {
    await rm(out, { force: true });
    return undefined;
  }
}

/** Runs a tool that writes a picture to `frame`, then scales that picture. */
async function viaTool(generator: 'pdftoppm' | 'ffmpeg', frame: string, dir: string, commands: string[][]): Promise<Thumbnail | undefined> {
  const tool = await findTool(generator);
  if (!tool) return undefined;
  const out = tempPath(dir);
  try {
    for (const args of commands) {
      try {
        await run(tool, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1_048_576 });
      } catch {
        // try the next form
      }
      if (await nonEmpty(frame)) break;
    }
    if (!(await nonEmpty(frame))) return undefined;
    const size = await scale(frame, out);
    return { path: out, mediaType: 'image/jpeg', ...size, generator };
  } catch {
    await rm(out, { force: true });
    return undefined;
  } finally {
    await rm(frame, { force: true });
  }
}

async function fromPdf(input: string, dir: string): Promise<Thumbnail | undefined> {
  const prefix = tempPath(dir, '');
  // -singlefile writes <prefix>.jpg; the page is rendered twice the width, then scaled down.
  return viaTool('pdftoppm', `${prefix}.jpg`, dir, [
    ['-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(THUMBNAIL_WIDTH * 2), '-scale-to-y', '-1', '-jpeg', input, prefix],
  ]);
}

async function fromVideo(input: string, dir: string): Promise<Thumbnail | undefined> {
  const frame = tempPath(dir, '.jpg');
  const base = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  const grab = ['-i', input, '-frames:v', '1', '-an', '-sn', '-vf', `scale=${THUMBNAIL_WIDTH * 2}:-2`, '-f', 'image2', frame];
  // One second in (past a black first frame), or the very first frame of a short clip.
  const thumb = await viaTool('ffmpeg', frame, dir, [
    [...base, '-ss', '1', ...grab],
    [...base, ...grab],
  ]);
  return thumb;
}

export async function makeThumbnail(input: string, family: MediaFamily, dir: string): Promise<Thumbnail | undefined> {
  switch (family) {
    case 'image':
      return fromImage(input, dir);
    case 'pdf':
      return fromPdf(input, dir);
    case 'video':
      return fromVideo(input, dir);
    default:
      return undefined;
  }
}
