import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyUpload, extensionFor } from './media.js';
import { cleanString, jsonSafe, safeFilename } from './meta.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('upload types, from the bytes', () => {
  it('accepts images, PDF, video, audio and ZIP detected by magic number', () => {
    for (const [mime, ext] of [
      ['image/jpeg', 'jpg'],
      ['image/png', 'png'],
      ['application/pdf', 'pdf'],
      ['video/mp4', 'mp4'],
      ['audio/mpeg', 'mp3'],
      ['application/zip', 'zip'],
    ]) {
      expect(classifyUpload({ mime: mime ?? '', ext: ext ?? '' }, new Uint8Array())).toMatchObject({ accepted: true, mediaType: mime });
    }
  });

  it('refuses executables, archives of programs and other binaries', () => {
    for (const mime of [
      'application/x-msdownload',
      'application/x-elf',
      'application/java-archive',
      'application/vnd.android.package-archive',
      'application/x-sqlite3',
    ]) {
      expect(classifyUpload({ mime, ext: 'x' }, new Uint8Array()).accepted).toBe(false);
    }
    expect(classifyUpload(undefined, Uint8Array.from([0x7f, 0x00, 0x01, 0x02])).accepted).toBe(false);
    expect(classifyUpload(undefined, bytes('#!/bin/sh\nrm -rf /\n'))).toEqual({ accepted: false, detected: 'text/x-script' });
  });

  it('tells e-mail, HTML and plain text apart', () => {
    const eml = readFileSync(new URL('../../../tests/fixtures/evidence/message.eml', import.meta.url));
    expect(classifyUpload(undefined, eml)).toMatchObject({ accepted: true, mediaType: 'message/rfc822', family: 'email' });
    expect(classifyUpload(undefined, bytes('<!DOCTYPE html><html><body>x</body></html>'))).toMatchObject({ mediaType: 'text/html' });
    expect(classifyUpload(undefined, bytes('  <html lang="fr"><p>x'))).toMatchObject({ mediaType: 'text/html' });
    expect(classifyUpload(undefined, bytes('Capture du commentaire : « tu vas voir »'))).toMatchObject({
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(classifyUpload(undefined, Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]))).toMatchObject({ mediaType: 'text/plain' });
  });

  it('names files by kind and type', () => {
    expect(extensionFor('screenshot', 'image/png')).toBe('png');
    expect(extensionFor('upload', 'text/plain; charset=utf-8')).toBe('txt');
    expect(extensionFor('mhtml', 'multipart/related')).toBe('mhtml');
    expect(extensionFor('http', 'application/json')).toBe('json');
    expect(extensionFor('upload', 'video/x-matroska')).toBe('matroska');
    expect(extensionFor('upload', 'application/vnd.weird+thing')).toBe('bin');
  });
});

describe('metadata made safe for the manifest', () => {
  it('drops NUL, bytes, non-finite numbers and lone surrogates', () => {
    expect(jsonSafe({ a: 'x\u0000y', b: Uint8Array.from([1]), c: Number.NaN, d: [1, 'z'], e: new Date('2026-03-01T00:00:00Z') })).toEqual({
      a: 'xy',
      d: [1, 'z'],
      e: '2026-03-01T00:00:00.000Z',
    });
    expect(cleanString('a\uD800b')).toBe('a\uFFFDb');
  });

  it('keeps only a file name, without path or control characters', () => {
    expect(safeFilename('../../etc/passwd', 'f')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\photo.jpg', 'f')).toBe('photo.jpg');
    expect(safeFilename('a\u0007"b.png', 'f')).toBe('ab.png');
    expect(safeFilename('', 'fallback.bin')).toBe('fallback.bin');
    expect(safeFilename('...', 'fallback.bin')).toBe('fallback.bin');
  });
});
