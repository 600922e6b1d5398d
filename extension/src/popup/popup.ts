// The popup: the Rempart address and pairing, then the case to add to (or a new one), the
// "Préserver cette page" button with a comment and the optional region, and the captures with
// their progress, failures and retries. The work itself runs in the service worker; this page
// only sends it messages and shows what chrome.storage says, so closing it loses nothing.
//
// Opened as a tab (popup.html?tabId=N: keyboard users, the browser test) it captures tab N, which
// the person must have given access to by clicking the toolbar button on it (activeTab).
import { ApiError, api, type CaseSummary } from '../shared/api';
import { localise, t } from '../shared/i18n';
import { send } from '../shared/messages';
import {
  type Auth,
  builtInServerUrl,
  type CaptureRecord,
  getAuth,
  getCaptures,
  getPairing,
  KEYS,
  managedServerUrl,
  normaliseServerUrl,
  originPattern,
  type Pairing,
} from '../shared/state';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from popup.html`);
  return el as T;
};

const views = { setup: $('view-setup'), pairing: $('view-pairing'), main: $('view-main') };
const alertBox = $('alert');
const announce = $('announce');
const serverInput = $<HTMLInputElement>('server-url');
const serverError = $('server-url-error');
const caseSelect = $<HTMLSelectElement>('case-select');
const casesState = $('cases-state');
const captureButton = $<HTMLButtonElement>('capture');
const captureTarget = $('capture-target');
const commentInput = $<HTMLTextAreaElement>('comment');
const regionInput = $<HTMLInputElement>('region');
const capturesList = $('captures');
const newCaseSummary = $<HTMLTextAreaElement>('new-case-summary');
const newCaseError = $('new-case-error');

const params = new URLSearchParams(location.search);
const tabMode = params.has('tabId');
let target: chrome.tabs.Tab | undefined;
let cases: CaseSummary[] = [];
let currentView: keyof typeof views | undefined;
let newCaseKey = crypto.randomUUID();

function showAlert(message: string | undefined): void {
  alertBox.textContent = message ?? '';
  alertBox.hidden = !message;
}

function say(message: string): void {
  announce.textContent = message;
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'network' ? t('errorNetwork') : error.message;
  return t('errorUnexpected');
}

function show(view: keyof typeof views): void {
  for (const [name, el] of Object.entries(views)) el.hidden = name !== view;
  currentView = view;
}

function formatBytes(bytes: number): string {
  const locale = chrome.i18n.getUILanguage();
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} ${t('unitKB')}`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} ${t('unitMB')}`;
}

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(iso),
  );
}

// ---------------------------------------------------------------- setup and pairing

async function renderSetup(): Promise<void> {
  show('setup');
  const saved = (await chrome.storage.local.get(KEYS.serverUrl))[KEYS.serverUrl] as string | undefined;
  serverInput.value = saved ?? (await builtInServerUrl()) ?? '';
  // The board's policy wins; managed storage can take seconds to answer on a fresh profile.
  void managedServerUrl().then((managed) => {
    if (!managed || currentView !== 'setup') return;
    serverInput.value = managed;
    serverInput.readOnly = true;
    $('server-managed').hidden = false;
  });
}

function setServerError(message: string | undefined): void {
  serverError.textContent = message ?? '';
  serverError.hidden = !message;
  serverInput.setAttribute('aria-invalid', message ? 'true' : 'false');
  serverInput.setAttribute('aria-describedby', message ? 'server-url-hint server-url-error' : 'server-url-hint');
}

$('setup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  showAlert(undefined);
  const serverUrl = normaliseServerUrl(serverInput.value);
  if (!serverUrl) {
    setServerError(t('serverUrlInvalid'));
    serverInput.focus();
    return;
  }
  setServerError(undefined);
  // Asked while the click is still a user gesture: host access to this one server, nothing else.
  const granted = chrome.permissions.request({ origins: [originPattern(serverUrl)] });
  void (async () => {
    const button = $<HTMLButtonElement>('pair');
    button.disabled = true;
    try {
      if (!(await granted)) {
        showAlert(t('permissionRefused'));
        return;
      }
      await chrome.storage.local.set({ [KEYS.serverUrl]: serverUrl });
      const answer = await send({ type: 'pair.start', serverUrl });
      if (!answer.ok) showAlert(answer.error === 'network' ? t('errorNetwork') : (answer.message ?? t('errorUnexpected')));
      await render();
    } finally {
      button.disabled = false;
    }
  })();
});

function renderPairing(pairing: Pairing): void {
  const first = currentView !== 'pairing';
  show('pairing');
  $('user-code').textContent = pairing.userCode;
  const state = $('pairing-state');
  const open = $<HTMLButtonElement>('open-verification');
  if (pairing.status === 'pending') {
    state.textContent = t('pairingWaiting');
    open.hidden = false;
    $('pairing-cancel').textContent = t('pairingCancel');
  } else {
    state.textContent = t('pairingExpired');
    open.hidden = true;
    $('pairing-cancel').textContent = t('pairingRestart');
  }
  if (first) {
    say(t('pairingAnnounce', pairing.userCode));
    open.focus();
  }
}

$('open-verification').addEventListener('click', () => {
  void getPairing().then((pairing) => {
    if (pairing) void chrome.tabs.create({ url: pairing.verificationUrl });
  });
});

$('pairing-cancel').addEventListener('click', () => {
  void send({ type: 'pair.cancel' }).then(render);
});

// ---------------------------------------------------------------- cases

async function loadCases(auth: Auth): Promise<void> {
  casesState.hidden = false;
  casesState.textContent = t('loading');
  try {
    cases = await api.listCases(auth.serverUrl, auth.token);
    casesState.hidden = cases.length > 0;
    casesState.textContent = cases.length === 0 ? t('casesEmpty') : '';
  } catch (error) {
    cases = [];
    if (error instanceof ApiError && error.status === 401) {
      // The token was revoked (profile, or an administrator): pair again.
      showAlert(t('tokenRevoked'));
      await send({ type: 'unpair' });
      await render();
      return;
    }
    casesState.textContent = errorText(error);
  }
  await fillCases();
}

async function fillCases(selectId?: string): Promise<void> {
  const stored = (await chrome.storage.local.get(KEYS.selectedCase))[KEYS.selectedCase] as string | undefined;
  const selected = selectId ?? stored;
  caseSelect.replaceChildren();
  const placeholder = new Option(t('casePlaceholder'), '');
  caseSelect.append(placeholder);
  for (const c of cases) {
    const summary = c.summary.length > 70 ? `${c.summary.slice(0, 69)}…` : c.summary;
    caseSelect.append(new Option(`${c.reference} — ${summary}`, c.id));
  }
  caseSelect.value = cases.some((c) => c.id === selected) ? (selected ?? '') : '';
  updateCaptureButton();
}

caseSelect.addEventListener('change', () => {
  void chrome.storage.local.set({ [KEYS.selectedCase]: caseSelect.value });
  updateCaptureButton();
});

$('new-case-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const summary = newCaseSummary.value.trim();
  if (!summary) {
    newCaseError.textContent = t('fieldRequired');
    newCaseError.hidden = false;
    newCaseSummary.setAttribute('aria-invalid', 'true');
    newCaseSummary.focus();
    return;
  }
  newCaseError.hidden = true;
  newCaseSummary.removeAttribute('aria-invalid');
  const button = $<HTMLButtonElement>('new-case-create');
  button.disabled = true;
  void (async () => {
    try {
      const auth = await getAuth();
      if (!auth) return;
      const opened = await api.openCase(auth.serverUrl, auth.token, summary, newCaseKey);
      newCaseKey = crypto.randomUUID();
      newCaseSummary.value = '';
      ($('new-case') as HTMLDetailsElement).open = false;
      cases = [
        {
          id: opened.id,
          reference: opened.reference,
          status: opened.status,
          summary: opened.summary,
          affectedPersonName: opened.affectedPersonName,
          unitName: opened.unitName,
          createdAt: opened.createdAt,
          updatedAt: opened.updatedAt,
          openTasks: 0,
          overdueTasks: 0,
          nextDueAt: null,
        },
        ...cases.filter((c) => c.id !== opened.id),
      ];
      casesState.hidden = true;
      await chrome.storage.local.set({ [KEYS.selectedCase]: opened.id });
      await fillCases(opened.id);
      say(t('caseOpened', opened.reference));
      caseSelect.focus();
    } catch (error) {
      newCaseError.textContent = errorText(error);
      newCaseError.hidden = false;
    } finally {
      button.disabled = false;
    }
  })();
});

// ---------------------------------------------------------------- capture

async function findTarget(): Promise<chrome.tabs.Tab | undefined> {
  const requested = Number(params.get('tabId'));
  if (tabMode && Number.isInteger(requested)) return chrome.tabs.get(requested).catch(() => undefined);
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  return active;
}

function capturable(tab: chrome.tabs.Tab | undefined): boolean {
  return Boolean(tab?.id !== undefined && tab.url && /^https?:\/\//.test(tab.url));
}

function updateCaptureButton(): void {
  captureButton.disabled = !capturable(target) || !caseSelect.value;
  captureTarget.textContent = capturable(target) ? t('captureTarget', target?.title || target?.url || '') : t('notCapturable');
}

captureButton.addEventListener('click', () => {
  const tab = target;
  const chosen = cases.find((c) => c.id === caseSelect.value);
  if (!tab?.id || !chosen) return;
  showAlert(undefined);
  const region = regionInput.checked;
  captureButton.disabled = true;
  void send({
    type: 'capture.start',
    tabId: tab.id,
    caseId: chosen.id,
    caseReference: chosen.reference,
    region,
    ...(commentInput.value.trim() ? { comment: commentInput.value.trim() } : {}),
  }).then((answer) => {
    captureButton.disabled = false;
    if (!answer.ok) {
      showAlert(answer.error === 'not_capturable' ? t('notCapturable') : (answer.message ?? t('errorUnexpected')));
      return;
    }
    commentInput.value = '';
    regionInput.checked = false;
    say(t('captureStarted'));
    // The person now draws the region on the page: the popup gets out of the way (the worker goes on).
    if (region && !tabMode) window.close();
  });
});

// ---------------------------------------------------------------- the captures

function stateText(r: CaptureRecord): string {
  switch (r.status) {
    case 'capturing':
      return t(`step_${r.step ?? 'viewport'}`);
    case 'queued':
      if (r.nextAttemptAt) return t('stateRetry', formatTime(r.nextAttemptAt), String(r.attempts + 1));
      return t('stateQueued');
    case 'uploading':
      return r.attempts > 1
        ? t('stateUploadingRetry', formatBytes(r.bytes), String(r.attempts))
        : t('stateUploading', formatBytes(r.bytes));
    case 'sealed':
      return t('stateSealed', r.sealedAt ? formatTime(r.sealedAt) : '');
    case 'failed':
      return t('stateFailed');
  }
}

function failureText(r: CaptureRecord): string {
  const code = r.error?.code;
  if (code === 'capture_interrupted') return t('errorInterrupted');
  if (code === 'capture_failed') return t('errorCaptureFailed', r.error?.message ?? '');
  if (code === 'files_missing') return t('errorFilesMissing');
  return r.error?.message || t('errorUnexpected');
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button secondary small';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** A button that asks once more in place ("Confirm: …") before acting: nothing is lost by a stray click. */
function confirmingButton(label: string, confirmLabel: string, onConfirm: () => void): HTMLButtonElement {
  const b = button(label, () => {
    if (b.dataset.armed === 'true') {
      onConfirm();
      return;
    }
    b.dataset.armed = 'true';
    b.textContent = confirmLabel;
  });
  return b;
}

function line(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

async function renderCaptures(): Promise<void> {
  const records = (await getCaptures()).slice(0, 20);
  $('captures-empty').hidden = records.length > 0;
  capturesList.replaceChildren(
    ...records.map((r) => {
      const li = document.createElement('li');
      li.dataset.captureId = r.id;
      li.dataset.status = r.status;
      li.append(line('title', r.title || r.url), line('meta', t('captureMeta', r.caseReference, formatTime(r.createdAt))));
      li.append(line(`state ${r.status}`, stateText(r)));
      if (r.status === 'capturing' || r.status === 'uploading') {
        const bar = document.createElement('progress');
        bar.setAttribute('aria-label', stateText(r));
        li.append(bar);
      }
      if (r.status === 'queued' && r.lastError) li.append(line('meta', t('lastProblem', r.lastError)));
      if (r.status === 'failed') li.append(line('meta', failureText(r)));
      if (r.status === 'sealed' && r.manifestSha256) li.append(line('meta', t('manifestHash', r.manifestSha256.slice(0, 16))));
      const actions = document.createElement('div');
      actions.className = 'actions';
      if (r.status === 'failed' && r.meta) actions.append(button(t('retry'), () => void send({ type: 'capture.retry', id: r.id })));
      if (r.status === 'sealed') {
        const link = document.createElement('a');
        link.href = `${r.serverUrl}/dossiers/${encodeURIComponent(r.caseId)}`;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = t('openCase', r.caseReference);
        actions.append(link);
      }
      if (r.status === 'failed') {
        // A failed capture's files are deleted with it: asked twice.
        actions.append(confirmingButton(t('discard'), t('discardConfirm'), () => void send({ type: 'capture.discard', id: r.id })));
      }
      if (r.status === 'sealed') actions.append(button(t('removeFromList'), () => void send({ type: 'capture.discard', id: r.id })));
      if (actions.childElementCount > 0) li.append(actions);
      return li;
    }),
  );
}

// ---------------------------------------------------------------- main

async function renderMain(auth: Auth): Promise<void> {
  const first = currentView !== 'main';
  show('main');
  $('who').textContent = t('pairedAs', auth.userName, new URL(auth.serverUrl).host);
  if (first) {
    target = await findTarget();
    updateCaptureButton();
    await loadCases(auth);
  }
  await renderCaptures();
}

async function render(): Promise<void> {
  const auth = await getAuth();
  if (auth) return renderMain(auth);
  const pairing = await getPairing();
  if (pairing) return renderPairing(pairing);
  if (currentView !== 'setup') await renderSetup();
}

const unpairButton = $<HTMLButtonElement>('unpair');
unpairButton.addEventListener('click', () => {
  if (unpairButton.dataset.armed !== 'true') {
    unpairButton.dataset.armed = 'true';
    unpairButton.textContent = t('unpairConfirm');
    return;
  }
  delete unpairButton.dataset.armed;
  unpairButton.textContent = t('unpair');
  void send({ type: 'unpair' }).then(render);
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && KEYS.captures in changes && currentView === 'main') void renderCaptures();
  else if ((area === 'local' && KEYS.auth in changes) || (area === 'session' && KEYS.pairing in changes)) void render();
});

document.documentElement.lang = chrome.i18n.getUILanguage().toLowerCase().startsWith('en') ? 'en' : 'fr-CA';
localise(document);
void render();
