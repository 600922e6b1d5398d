// Evidence uploads, reads and downloads through the HTTP API (DESIGN.md §5), on a real database
// and the file blob store: type detection, metadata (EXIF, every e-mail header), thumbnails,
// limits, client hashes, idempotency, access (another user's evidence answers 404), download
// headers and the ledger/access-log trail of every download.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../adapters/media/thumbnails.js';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { ledgerEntries } from '../../../tests/support/auth.js';
import { asBrowser, type BuiltUser, loginCookie } from '../../../tests/support/builders.js';
import { file, multipart, type Part } from '../../../tests/support/multipart.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/evidence/${name}`, import.meta.url));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const MAX = 200_000;

let t: TestApp;
let org: TestOrg;
let caseId = '';
const cookies = new Map<string, string>();
const as = async (u: BuiltUser, extra: Record<string, string> = {}) => {
  const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
  cookies.set(u.email, c);
  return asBrowser(c, extra);
};

interface ArtefactJson {
  id: string;
  kind: string;
  mediaType: string;
  size: number;
  sha256: string;
  filename: string;
  email?: { from: string | null; to: string | null; subject: string | null; date: string | null; receivedHops: number };
}
interface EvidenceJson {
  id: string;
  caseId: string;
  status: string;
  source: string;
  sourceUrl: string | null;
  title: string | null;
  artefacts: ArtefactJson[];
  manifestSha256: string;
}

async function upload(who: BuiltUser, parts: Part[], target = caseId, extra: Record<string, string> = {}) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${target}/evidence`,
    headers: { ...(await as(who)), ...body.headers, ...extra },
    payload: body.payload,
  });
}

async function manifestOf(who: BuiltUser, evidenceId: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}/manifest`, headers: await as(who) });
  expect(res.statusCode).toBe(200);
  return {
    raw: res.rawPayload,
    json: JSON.parse(res.body) as {
      artefacts: Array<{ kind: string; sha256: string; meta?: Record<string, unknown>; clientSha256?: string }>;
    },
  };
}

const evidenceCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('evidence')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-03T15:00:00Z'), env: { UPLOAD_MAX_BYTES: String(MAX) } });
  org = await buildTestOrg(t.ctx);
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await as(org.staffA),
    payload: { summary: 'Preuves téléversées', urls: ['https://example.org/post/1'] },
  });
  caseId = opened.json().id;
  const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${t422.id}`, headers: await as(org.supA), payload: { status: 'done' } });
});
afterAll(async () => {
  await t.close();
});

describe('evidence uploads', () => {
  let photo: EvidenceJson;

  it('seals a photo with its EXIF (date taken, device, GPS) and a 320 px thumbnail, and completes step 4.1.1', async () => {
    const bytes = fixture('photo-exif.jpg');
    const res = await upload(org.staffA, [
      file(bytes, 'IMG_0042.JPG', 'image/jpeg'),
      { name: 'sha256', data: sha(bytes) },
      {
        name: 'meta',
        data: JSON.stringify({
          sourceUrl: 'https://example.org/post/1',
          title: 'Photo du message',
          comment: 'Reçue par texto',
          captureTool: 'iPhone',
        }),
      },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    photo = res.json();
    expect(photo).toMatchObject({
      caseId,
      status: 'sealed',
      source: 'upload',
      sourceUrl: 'https://example.org/post/1',
      title: 'Photo du message',
    });
    expect(photo.artefacts.map((a) => [a.kind, a.mediaType])).toEqual([
      ['upload', 'image/jpeg'],
      ['thumbnail', 'image/jpeg'],
    ]);
    expect(photo.artefacts[0]).toMatchObject({ sha256: sha(bytes), size: bytes.length, filename: 'IMG_0042.JPG' });

    const { raw, json } = await manifestOf(org.staffA, photo.id);
    expect(sha(raw)).toBe(photo.manifestSha256);
    const meta = json.artefacts[0]?.meta as { exif: Record<string, unknown>; image: { width: number } };
    expect(meta.exif).toMatchObject({
      Make: 'Rempart',
      Model: 'TestCam 1',
      DateTimeOriginal: '2026:03:01 14:22:05',
      OffsetTimeOriginal: '-05:00',
    });
    expect(meta.exif.latitude).toBeCloseTo(46.808, 3);
    expect(meta.exif.longitude).toBeCloseTo(-71.2, 3);
    expect(meta.image).toMatchObject({ width: 800, height: 600 });
    expect(json.artefacts[0]?.clientSha256).toBe(sha(bytes));
    expect(json.artefacts[1]?.meta).toMatchObject({ of: sha(bytes), width: 320, height: 240, generator: 'sharp' });

    const sealed = await ledgerEntries(t.ctx.db, 'evidence.sealed');
    expect(sealed.some((b) => b.subject?.id === photo.id && b.data.manifestSha256 === photo.manifestSha256)).toBe(true);
    const task = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/tasks`, headers: await as(org.staffA) }))
      .json()
      .find((x: { stepKey: string }) => x.stepKey === '4.1.1');
    expect(task.status).toBe('done');
    const caseJson = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: await as(org.supA) })).json();
    expect(caseJson.evidence).toContainEqual({
      id: photo.id,
      status: 'sealed',
      sourceUrl: 'https://example.org/post/1',
      capturedAt: '2026-03-03T15:00:00.000Z',
    });
    // The source URL is one of the case's locations: the evidence is linked to it.
    const row = await t.ctx.db.selectFrom('evidence').select('location_id').where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(row.location_id).not.toBeNull();
  });

  it('keeps every header of an .eml, in order, detected by content whatever its name', async () => {
    const bytes = fixture('message.eml');
    const res = await upload(org.supA, [file(bytes, 'courriel.txt', 'text/plain')]);
    expect(res.statusCode, res.body).toBe(201);
    const ev: EvidenceJson = res.json();
    expect(ev.artefacts).toHaveLength(1);
    expect(ev.artefacts[0]).toMatchObject({ kind: 'upload', mediaType: 'message/rfc822' });
    const { json } = await manifestOf(org.supA, ev.id);
    const email = json.artefacts[0]?.meta?.email as {
      headers: Array<{ name: string; value: string }>;
      received: Array<{ date: string }>;
      dateUtc: string;
      subject: string;
      dkimSignatures: unknown[];
    };
    expect(email.headers.map((h) => h.name)).toEqual([
      'Return-Path',
      'Delivered-To',
      'Received',
      'Received',
      'ARC-Seal',
      'Authentication-Results',
      'DKIM-Signature',
      'Message-ID',
      'Date',
      'From',
      'To',
      'Subject',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ]);
    expect(email.headers.find((h) => h.name === 'DKIM-Signature')?.value).toContain('b=dGVzdHNpZ25hdHVyZQ==');
    expect(email.received.map((r) => r.date)).toEqual(['2026-03-03T15:15:07.000Z', '2026-03-03T15:15:05.000Z']);
    expect(email.dateUtc).toBe('2026-03-03T15:15:00.000Z');
    expect(email.subject).toBe('Tu vas le regretter');
    expect(email.dkimSignatures).toEqual([{ domain: 'example.net', selector: 'sel1' }]);
  });

  it('reads an e-mail in the case without downloading it: decoded text (quoted-printable, Latin-1) and its attachments', async () => {
    const res = await upload(org.staffA, [{ name: 'file', filename: 'avertissement.eml', data: fixture('message-multipart.eml') }]);
    expect(res.statusCode, res.body).toBe(201);
    const ev = res.json() as EvidenceJson;
    const eml = ev.artefacts.find((a) => a.kind === 'upload') as ArtefactJson;
    expect(eml.email).toMatchObject({
      from: 'Parent anonyme <parent.anonyme@example.net>',
      subject: "Dernier avertissement à l'enseignante",
      date: '2026-03-05T02:02:00.000Z',
      receivedHops: 1,
    });
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/artefacts/${eml.id}/email`, headers: await as(org.supA) });
    expect(read.statusCode, read.body).toBe(200);
    const body = read.json() as { readable: boolean; text: string; truncated: boolean; attachments: unknown[] };
    expect(body.readable).toBe(true);
    expect(body.text).toContain('Vous allez regretter ce que vous avez fait à mon enfant.');
    expect(body.text).not.toContain('<script>');
    expect(body.truncated).toBe(false);
    // "capture d'un message privé\n" in UTF-8.
    expect(body.attachments).toEqual([{ filename: 'preuve.txt', contentType: 'text/plain', size: 28 }]);
    const log = await t.ctx.db
      .selectFrom('case_access_log')
      .select('user_id')
      .where('case_id', '=', caseId)
      .where('action', '=', 'artefact.read_email')
      .execute();
    expect(log.map((l) => l.user_id)).toContain(org.supA.id);
    // Not an e-mail, a stranger, or not an id: 404.
    const photoFile = photo.artefacts[0] as ArtefactJson;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/artefacts/${photoFile.id}/email`, headers: await as(org.supA) })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/artefacts/${eml.id}/email`, headers: await as(org.staffB) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/artefacts/pas-un-id/email', headers: await as(org.supA) })).statusCode).toBe(
      404,
    );
  });

  it('seals a PDF with a first-page thumbnail (when pdftoppm is installed)', async () => {
    const res = await upload(org.staffA, [file(fixture('page.pdf'), 'publication.pdf', 'application/pdf')]);
    expect(res.statusCode, res.body).toBe(201);
    const kinds = (res.json() as EvidenceJson).artefacts.map((a) => [a.kind, a.mediaType]);
    if (await findTool('pdftoppm'))
      expect(kinds).toEqual([
        ['upload', 'application/pdf'],
        ['thumbnail', 'image/jpeg'],
      ]);
    else expect(kinds).toEqual([['upload', 'application/pdf']]);
  });

  it('seals a video with a frame as thumbnail (when ffmpeg is installed), several files in one evidence', async () => {
    const text = 'Commentaire recopié : « on sait où tu habites »';
    const res = await upload(org.staffA, [
      file(fixture('clip.mp4'), 'story.mp4', 'video/mp4'),
      file(text, 'notes.txt', 'text/plain'),
      { name: 'sha256[1]', data: sha(text) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const ev: EvidenceJson = res.json();
    const kinds = ev.artefacts.map((a) => [a.kind, a.mediaType]);
    const expected = [
      ['upload', 'video/mp4'],
      ['upload', 'text/plain; charset=utf-8'],
    ];
    if (await findTool('ffmpeg')) expected.push(['thumbnail', 'image/jpeg']);
    expect(kinds).toEqual(expected);
    const { json } = await manifestOf(org.staffA, ev.id);
    expect(json.artefacts[1]?.clientSha256).toBe(sha(text));
  });

  it('refuses an oversized file (413), an empty one (422) and an executable (415), keeping nothing', async () => {
    const before = await evidenceCount();
    const big = await upload(org.staffA, [file(Buffer.alloc(MAX + 1, 7), 'big.png', 'image/png')]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const empty = await upload(org.staffA, [file(fixture('page.pdf'), 'ok.pdf'), file(Buffer.alloc(0), 'vide.png')]);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error).toMatchObject({ code: 'empty_upload' });
    expect(empty.json().error.message).toContain('vide.png');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
    const exe = await upload(org.staffA, [file(elf, 'photo.jpg', 'image/jpeg')]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('unsupported_media_type');
    const mz = await upload(org.staffA, [file(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), 'facture.pdf')]);
    expect(mz.statusCode).toBe(415);
    const script = await upload(org.staffA, [file('#!/bin/sh\necho hi\n', 'notes.txt')]);
    expect(script.statusCode).toBe(415);
    const none = await upload(org.staffA, [{ name: 'meta', data: '{}' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ path: 'file', message: expect.any(String) }]);
    const badMeta = await upload(org.staffA, [file('x', 'a.txt'), { name: 'meta', data: '{"sourceUrl":"javascript:alert(1)"}' }]);
    expect(badMeta.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/evidence`,
      headers: await as(org.staffA),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(await evidenceCount()).toBe(before);
    expect(await readdir(t.ctx.blobs.tempDir)).toEqual([]);
  });

  it('refuses a file whose hash differs from the one announced (422), sealing nothing', async () => {
    const before = await evidenceCount();
    const res = await upload(org.staffA, [file('capture', 'a.txt'), { name: 'sha256', data: sha('autre chose') }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('hash_mismatch');
    expect(res.json().error.message).toContain(sha('capture'));
    expect(await evidenceCount()).toBe(before);
    expect(await t.ctx.blobs.stat(sha('capture'))).toBeUndefined();
    const malformed = await upload(org.staffA, [file('capture', 'a.txt'), { name: 'sha256', data: 'abc' }]);
    expect(malformed.statusCode).toBe(400);
  });

  it('answers a retry with the same Idempotency-Key with the first evidence, creating nothing', async () => {
    const parts = [file('Capture à ne pas dupliquer', 'a.txt')];
    const first = await upload(org.staffA, parts, caseId, { 'idempotency-key': 'upload-retry-1' });
    expect(first.statusCode).toBe(201);
    const before = await evidenceCount();
    const retry = await upload(org.staffA, parts, caseId, { 'idempotency-key': 'upload-retry-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expect(await evidenceCount()).toBe(before);
    const other = await upload(org.staffA, [file('Autre contenu', 'b.txt')], caseId, { 'idempotency-key': 'upload-retry-1' });
    expect(other.statusCode).toBe(409);
  });

  it('serves artefacts only as downloads, with their hash and a sandbox, and logs each download', async () => {
    const upl = photo.artefacts[0] as ArtefactJson;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${photo.id}/artefacts/upload`, headers: await as(org.supA) });
    expect(res.statusCode).toBe(200);
    expect(sha(res.rawPayload)).toBe(upl.sha256);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="IMG_0042.JPG"; filename*=UTF-8''IMG_0042.JPG`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers.etag).toBe(`"${upl.sha256}"`);
    expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(upl.sha256, 'hex').toString('base64')}:`);
    expect(res.headers['cache-control']).toBe('private, no-store');

    const byId = await t.app.inject({ method: 'GET', url: `/api/v1/artefacts/${upl.id}`, headers: await as(org.hr) });
    expect(byId.statusCode).toBe(200);
    expect(sha(byId.rawPayload)).toBe(upl.sha256);

    const downloads = (await ledgerEntries(t.ctx.db, 'artefact.downloaded')).filter((b) => b.subject?.id === upl.id);
    expect(downloads.map((b) => b.actorId)).toEqual([org.supA.id, org.hr.id]);
    expect(downloads[0]?.data).toEqual({ evidenceId: photo.id, kind: 'upload', sha256: upl.sha256, inline: false });
    const log = await t.ctx.db
      .selectFrom('case_access_log')
      .select(['user_id', 'action'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'artefact.download')
      .execute();
    expect(log.map((l) => l.user_id).sort()).toEqual([org.supA.id, org.hr.id].sort());
  });

  it('resumes a download with one byte range (206), refuses a range past the end (416, in French) and logs the bytes sent', async () => {
    const upl = photo.artefacts[0] as ArtefactJson;
    const url = `/api/v1/artefacts/${upl.id}`;
    const whole = (await t.app.inject({ method: 'GET', url, headers: await as(org.supA) })).rawPayload;
    expect(whole.length).toBe(upl.size);

    const part = await t.app.inject({ method: 'GET', url, headers: await as(org.supA, { range: 'bytes=100-1099' }) });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${upl.size}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.headers['accept-ranges']).toBe('bytes');
    expect(part.rawPayload.equals(whole.subarray(100, 1100))).toBe(true);
    // The rest, as a resuming client asks for it, completes the same bytes.
    const rest = await t.app.inject({
      method: 'GET',
      url,
      headers: await as(org.supA, { range: 'bytes=1100-', 'if-range': `"${upl.sha256}"` }),
    });
    expect(rest.statusCode).toBe(206);
    expect(sha(Buffer.concat([whole.subarray(0, 1100), rest.rawPayload]))).toBe(upl.sha256);
    const tail = await t.app.inject({ method: 'GET', url, headers: await as(org.supA, { range: 'bytes=-16' }) });
    expect(tail.rawPayload.equals(whole.subarray(whole.length - 16))).toBe(true);
    // Another version named in If-Range, or several ranges: the whole file.
    const wholeAgain: Array<Record<string, string>> = [{ range: 'bytes=0-9', 'if-range': '"autre"' }, { range: 'bytes=0-9,20-29' }];
    for (const extra of wholeAgain) {
      const full = await t.app.inject({ method: 'GET', url, headers: await as(org.supA, extra) });
      expect(full.statusCode).toBe(200);
      expect(sha(full.rawPayload)).toBe(upl.sha256);
    }
    const beyond = await t.app.inject({ method: 'GET', url, headers: await as(org.supA, { range: `bytes=${upl.size}-` }) });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${upl.size}`);
    expect(beyond.json().error.message).toBe(`La partie demandée du fichier n'existe pas : il fait ${upl.size} octets.`);

    const logged = (await ledgerEntries(t.ctx.db, 'artefact.downloaded')).filter((b) => b.subject?.id === upl.id).map((b) => b.data.range);
    expect(logged).toEqual(expect.arrayContaining(['100-1099', `1100-${upl.size - 1}`, `${upl.size - 16}-${upl.size - 1}`]));
  });

  it('shows thumbnails inline for previews, but never uploads or captured HTML', async () => {
    const thumb = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${photo.id}/artefacts/thumbnail?inline=1`,
      headers: await as(org.staffA),
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-disposition']).toMatch(/^inline; /);
    expect(thumb.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    const inlineUpload = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${photo.id}/artefacts/upload?inline=1`,
      headers: await as(org.staffA),
    });
    expect(inlineUpload.statusCode).toBe(400);

    const html = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>';
    const res = await upload(org.staffA, [file(html, 'page sauvegardée é.html', 'text/html')]);
    expect(res.statusCode).toBe(201);
    const ev: EvidenceJson = res.json();
    expect(ev.artefacts[0]?.mediaType).toBe('text/html');
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${ev.id}/artefacts/upload`, headers: await as(org.staffA) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toMatch(/^text\/html/);
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="page sauvegard_e _.html"; filename*=UTF-8''page%20sauvegard%C3%A9e%20%C3%A9.html`,
    );
    expect(dl.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    const inline = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${ev.id}/artefacts/upload?inline=1`,
      headers: await as(org.staffA),
    });
    expect(inline.statusCode).toBe(400);
  });

  it("answers 404 for another user's evidence, on every evidence route", async () => {
    const upl = photo.artefacts[0] as ArtefactJson;
    for (const who of [org.staffB, org.supB, org.staffA2, org.legal, org.committee, org.admin, org.union]) {
      const h = await as(who);
      for (const url of [
        `/api/v1/evidence/${photo.id}`,
        `/api/v1/evidence/${photo.id}/manifest`,
        `/api/v1/evidence/${photo.id}/artefacts/upload`,
        `/api/v1/artefacts/${upl.id}`,
        `/api/v1/cases/${caseId}/evidence`,
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers: h });
        expect(res.statusCode, `${who.email} ${url}`).toBe(404);
      }
      expect((await upload(who, [file('x', 'x.txt')])).statusCode).toBe(404);
    }
    for (const url of [
      '/api/v1/evidence/not-a-uuid',
      '/api/v1/artefacts/00000000-0000-4000-8000-000000000000',
      `/api/v1/evidence/${photo.id}/artefacts/pdf`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url, headers: await as(org.staffA) })).statusCode).toBe(404);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${photo.id}/artefacts/bogus`, headers: await as(org.staffA) }))
        .statusCode,
    ).toBe(400);
  });

  it('lets the union see and add evidence only while the union_notice consent stands', async () => {
    const consent = (granted: boolean) =>
      as(org.staffA).then((h) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/consents`,
          headers: h,
          payload: { purpose: 'union_notice', granted, password: org.staffA.password },
        }),
      );
    expect((await consent(true)).statusCode).toBe(201);
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${photo.id}`, headers: await as(org.union) });
    expect(seen.statusCode).toBe(200);
    expect((await upload(org.union, [file('Note du syndicat', 'note.txt')])).statusCode).toBe(201);
    expect((await consent(false)).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${photo.id}`, headers: await as(org.union) })).statusCode).toBe(404);
  });

  it('lists the case evidence for those who see it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/evidence`, headers: await as(org.it) });
    expect(res.statusCode).toBe(200);
    const list = res.json() as EvidenceJson[];
    expect(list.map((e) => e.id)).toContain(photo.id);
    const uploads = list.filter((e) => e.source === 'upload');
    expect(uploads.length).toBeGreaterThan(5);
    expect(
      uploads.every((e) => e.status === 'sealed' && e.manifestSha256.length === 64),
      JSON.stringify(list.map((e) => [e.source, e.status])),
    ).toBe(true);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${photo.id}`, headers: await as(org.it) });
    expect(one.json()).toEqual(list.find((e) => e.id === photo.id));
  });
});
