// In the header of every signed-in page (shell slot `headerItems`): the number of reports
// waiting on this device, linking to /en-attente, and under the header a banner saying
// « En attente d'envoi » (or that the device is offline). Mounting it starts the queue of the
// signed-in person: it sends by itself when the network returns.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink, useLocation } from 'react-router';
import { useMe } from '../../app/session';
import { pendingPath } from './paths';
import { startQueue, useQueue, waitingCount } from './queue';

function Banner({ count, online, sending, here }: { count: number; online: boolean; sending: boolean; here: boolean }) {
  if (count === 0 && online) return null;
  return (
    <div className={`offline-banner${count > 0 ? ' offline-banner--waiting' : ''}`} role="status">
      <div className="offline-banner__inner">
        <span className="offline-banner__icon" aria-hidden="true">
          {count > 0 ? <WaitingIcon /> : <OfflineIcon />}
        </span>
        <p className="offline-banner__text">
          {count > 0 ? (
            <>
              <strong>
                <FormattedMessage id="app.pending.bannerTitle" />
              </strong>{' '}
              <FormattedMessage id="app.pending.bannerCount" values={{ count }} />{' '}
              <FormattedMessage id={sending ? 'app.pending.sendingNow' : online ? 'app.pending.retrying' : 'app.pending.whenOnline'} />
            </>
          ) : (
            <FormattedMessage id="app.offline.banner" />
          )}
        </p>
        {count > 0 && !here ? (
          <Link to={pendingPath} className="offline-banner__link">
            <FormattedMessage id="app.pending.see" />
          </Link>
        ) : null}
      </div>
    </div>
  );
}

export function WaitingIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3v6l5 3 1-1.7-4-2.4V7Z" fill="currentColor" />
    </svg>
  );
}

function OfflineIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M3.3 2 2 3.3l3 3A15 15 0 0 0 1 9l2 2a12 12 0 0 1 4-2.5l2.2 2.2A8 8 0 0 0 5 13l2 2a5 5 0 0 1 4.3-1.3L20.7 23 22 21.7ZM12 4.5c-1 0-2 .1-3 .3l2.3 2.3H12a12 12 0 0 1 9 4l2-2a15 15 0 0 0-11-4.6Zm3.6 6.3 3.2 3.2.2-.1a8 8 0 0 0-3.4-3.1ZM12 17a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z"
        fill="currentColor"
      />
    </svg>
  );
}

export default function PendingIndicator() {
  const me = useMe();
  const intl = useIntl();
  const location = useLocation();
  const queue = useQueue();
  const anchor = useRef<HTMLSpanElement>(null);
  const [header, setHeader] = useState<HTMLElement | null>(null);

  useEffect(() => startQueue(me.id), [me.id]);
  // The banner goes at the end of the page header (like the shell's own notices), full width.
  useEffect(() => setHeader(anchor.current?.closest('header') ?? null), []);

  const count = queue.owner === me.id ? waitingCount(queue) : 0;
  const here = location.pathname === pendingPath;
  return (
    <span ref={anchor} className="pending-indicator">
      {count > 0 ? (
        <NavLink to={pendingPath} className="pending-pill" aria-label={intl.formatMessage({ id: 'app.pending.pillLabel' }, { count })}>
          <WaitingIcon />
          <span className="pending-pill__count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        </NavLink>
      ) : null}
      {header ? createPortal(<Banner count={count} online={queue.online} sending={queue.sending} here={here} />, header) : null}
    </span>
  );
}
