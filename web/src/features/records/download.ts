// A download in the UI language. A plain link sends the browser's Accept-Language, which may not
// be the language chosen in Rempart (an English browser, a French profile): files whose text the
// server writes in the reader's language (a meeting's .ics) are fetched with the UI language and
// handed to the browser as a file.
import { ApiError } from '../../api/client';

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition) ?? /filename=([^;]+)/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

export async function downloadInLanguage(path: string, locale: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { 'accept-language': locale } });
  } catch {
    throw new ApiError({ code: 'network', status: 0, message: '' });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError({
      code: (body?.error?.code as ApiError['code'] | undefined) ?? 'unexpected',
      status: response.status,
      message: body?.error?.message ?? '',
    });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
