// « Captures d'écran et photos » in the report form: files picked on the device, a photo taken
// with the camera (the post someone showed the person on another phone: they photograph that
// screen), and files shared into the app (Android share sheet). Each file is hashed (SHA-256)
// on the device as soon as it is added; the hash travels with the file and the server checks it.
import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { sha256OfFile } from '../evidence/sha256';
import { newIdempotencyKey } from '../report/idempotency-key';
import { ACCEPTED_TYPES, type FileOrigin, MAX_FILE_BYTES, MAX_FILES } from './model';
import { type Attachment, newAttachmentId } from './queue';

const PICK_ACCEPT = 'image/*,video/*,application/pdf';

/** « 1,2 Mo », "1.2 MB". */
export function formatSize(size: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A file of the device as an attachment: checked, then hashed. */
export async function toAttachment(file: File, origin: FileOrigin): Promise<Attachment> {
  return {
    id: newAttachmentId(),
    blob: file,
    name: file.name || 'photo.jpg',
    type: file.type || 'application/octet-stream',
    size: file.size,
    origin,
    sha256: await sha256OfFile(file),
    idempotencyKey: newIdempotencyKey(),
  };
}

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const [url, setUrl] = useState<string | undefined>();
  const image = attachment.type.startsWith('image/');
  useEffect(() => {
    if (!image) return;
    const made = URL.createObjectURL(attachment.blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [attachment.blob, image]);
  if (url) return <img className="attachments__thumb" src={url} alt="" />;
  return (
    <span className="attachments__thumb attachments__thumb--file" aria-hidden="true">
      {attachment.type === 'application/pdf' ? 'PDF' : attachment.type.startsWith('video/') ? '▶' : '…'}
    </span>
  );
}

export function Attachments({
  attachments,
  onAdd,
  onRemove,
  disabled = false,
}: {
  attachments: readonly Attachment[];
  onAdd(added: Attachment[]): void;
  onRemove(id: string): void;
  disabled?: boolean;
}) {
  const intl = useIntl();
  const uid = useId();
  const [error, setError] = useState<string | undefined>();
  const [preparing, setPreparing] = useState(0);

  async function add(list: FileList | null, origin: FileOrigin) {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    const room = MAX_FILES - attachments.length;
    const refused: string[] = [];
    const kept = files.filter((file) => {
      if (!ACCEPTED_TYPES.test(file.type)) refused.push(intl.formatMessage({ id: 'app.attach.badType' }, { name: file.name }));
      else if (file.size === 0) refused.push(intl.formatMessage({ id: 'app.attach.empty' }, { name: file.name }));
      else if (file.size > MAX_FILE_BYTES)
        refused.push(intl.formatMessage({ id: 'app.attach.tooLarge' }, { name: file.name, max: formatSize(MAX_FILE_BYTES, intl.locale) }));
      else return true;
      return false;
    });
    if (kept.length > room) refused.push(intl.formatMessage({ id: 'app.attach.tooMany' }, { max: MAX_FILES }));
    const taken = kept.slice(0, Math.max(0, room));
    setError(refused.length > 0 ? refused.join(' ') : undefined);
    setPreparing((n) => n + taken.length);
    try {
      onAdd(await Promise.all(taken.map((file) => toAttachment(file, origin))));
    } finally {
      setPreparing((n) => n - taken.length);
    }
  }

  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  const describedBy = error ? `${hintId} ${errorId}` : hintId;
  const full = attachments.length >= MAX_FILES || disabled;

  return (
    <fieldset className="choices attachments">
      <legend>
        <FormattedMessage id="app.attach.legend" />
      </legend>
      <p className="field__hint" id={hintId}>
        <FormattedMessage id="app.attach.hint" />
      </p>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {attachments.length > 0 ? (
        <ul className="attachments__list" aria-label={intl.formatMessage({ id: 'app.attach.listLabel' }, { count: attachments.length })}>
          {attachments.map((a) => (
            <li key={a.id} className="attachments__item">
              <Thumbnail attachment={a} />
              <span className="attachments__text">
                <span className="attachments__name break">{a.name}</span>
                <span className="attachments__meta">
                  {formatSize(a.size, intl.locale)}
                  {a.origin === 'share' ? (
                    <>
                      {' · '}
                      <FormattedMessage id="app.attach.shared" />
                    </>
                  ) : null}
                </span>
              </span>
              <button type="button" className="button button--ghost button--small" onClick={() => onRemove(a.id)} disabled={disabled}>
                <FormattedMessage id="app.attach.remove" values={{ name: <span className="visually-hidden">{a.name}</span> }} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {preparing > 0 ? (
        <p className="field__hint" role="status">
          <FormattedMessage id="app.attach.preparing" values={{ count: preparing }} />
        </p>
      ) : null}
      <div className="attachments__pick">
        <span className="attachments__picker">
          <input
            id={`${uid}-camera`}
            className="attachments__input"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full}
            aria-describedby={describedBy}
            onChange={(e) => {
              void add(e.target.files, 'camera');
              e.target.value = '';
            }}
          />
          <label className="button button--secondary attachments__button" htmlFor={`${uid}-camera`}>
            <FormattedMessage id="app.attach.camera" />
          </label>
        </span>
        <span className="attachments__picker">
          <input
            id={`${uid}-files`}
            className="attachments__input"
            type="file"
            multiple
            accept={PICK_ACCEPT}
            disabled={full}
            aria-describedby={describedBy}
            onChange={(e) => {
              void add(e.target.files, 'picker');
              e.target.value = '';
            }}
          />
          <label className="button button--secondary attachments__button" htmlFor={`${uid}-files`}>
            <FormattedMessage id="app.attach.choose" />
          </label>
        </span>
      </div>
    </fieldset>
  );
}
