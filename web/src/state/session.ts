import { api, ApiError, isProblem } from '../api/client';
import type { Me, Session } from '../api/types';
import { isLanguage, setLanguage } from '../i18n';
import { onLeave } from '../safety/leaveQuickly';
import { stopReading } from '../speech/readAloud';
import { deviceBound, go, home, type Screen } from './app';
import { Observable } from './observable';
import { openOutbox } from '../drafts/outbox';
import { deviceWrapping, lockDrafts, unlockDrafts } from '../drafts/deviceKey';
import { childEditor, forgetEditors } from './views';
import { keepTrying, type TryOutcome } from './retry';

export const IDLE_LIMIT_MS = 10 * 60 * 1000;
const REFRESH_EVERY_MS = 10 * 60 * 1000;

export const signedIn = new Observable<Me | null>(null);

let idleTimer: number | undefined;
let refreshTimer: number | undefined;
let lastActivity = Date.now();

/**
 * The screen a phone that is set up opens on. Never the child's own screens: whoever opens MySay again, after the
 * browser or the page was closed, needs the PIN. The service says where the phone stands: a PIN to type, a new one
 * to choose (after the social worker reset it), locked, or taken off MySay. With no signal, the PIN screen (sending
 * waits).
 */
export async function deviceScreen(): Promise<Screen> {
  try {
    const { state } = await api.childDevice();
    switch (state) {
      case 'PIN_NOT_SET':
        return { name: 'choosePin', reset: true };
      case 'LOCKED':
        return { name: 'signIn', notice: 'pin.locked' };
      case 'SET_UP_EXPIRED':
        deviceBound.set(false);
        return { name: 'code' };
      case 'REMOVED':
        return { name: 'removed' };
      default:
        return { name: 'signIn' };
    }
  } catch (e) {
    if (isProblem(e, 'device-not-recognised')) {
      deviceBound.set(false);
      return { name: 'welcome', code: null };
    }
    return { name: 'signIn' };
  }
}

/**
 * Opening MySay on a phone that is set up: any session the browser kept (a browser that restores its tabs keeps
 * session cookies too) is ended first, then the PIN (or the screen the phone's state calls for).
 */
export async function openBoundDevice(): Promise<void> {
  await api.signOut().catch(() => undefined);
  go(await deviceScreen());
}

/** A child is in: remember that this browser is set up, load their home, and keep the session fresh while used. */
export async function startSession(session: Session): Promise<void> {
  signedIn.value = session.me;
  // The secret that opens the drafts kept on this phone: asked for now, while the PIN sign-in is fresh.
  await unlockDrafts().catch(() => undefined);
  deviceBound.set(true);
  lastActivity = Date.now();
  armIdleLock();
  window.clearInterval(refreshTimer);
  refreshTimer = window.setInterval(() => {
    if (Date.now() - lastActivity < REFRESH_EVERY_MS) {
      api.refresh().catch(() => undefined);
    }
  }, REFRESH_EVERY_MS - 60_000);
  await loadHome();
  go({ name: 'home' });
  await flushWaiting();
}

/** Anything waiting to be sent goes as soon as there is a signal and the child is signed in. */
export async function flushWaiting(): Promise<TryOutcome> {
  const child = signedIn.value;
  if (!child) return { stillWaiting: false, retryAfterMs: null };
  let sentSomething = false;
  let stillWaiting = false;
  let retryAfterMs: number | null = null;
  for (const c of home.value?.conferences ?? []) {
    const editor = await childEditor(child.id, c.conferenceId).catch(() => null);
    const state = editor?.sendState.value.kind;
    if (editor && (state === 'waiting' || state === 'signInNeeded')) {
      const after = await editor.flush();
      sentSomething = after.kind === 'sent' || sentSomething;
      if (after.kind === 'waiting') {
        stillWaiting = true;
        retryAfterMs = Math.max(retryAfterMs ?? 0, after.retryAfterMs ?? 0) || null;
      }
    }
  }
  if (sentSomething) {
    await loadHome().catch(() => undefined);
  } else {
    await refreshWaiting(child.id);
  }
  return { stillWaiting, retryAfterMs };
}

/**
 * Keeps trying what waits to be sent while the page is open: the browser's "online" event covers a lost signal, but
 * not a service that answered 503 while the phone stayed online. While the service stays away the tries back off,
 * never sooner than its Retry-After (see state/retry.ts). Each try uses the sending's own Idempotency-Key, so it
 * arrives exactly once however often it is tried. Returns a function that stops it.
 */
export function keepTryingWaiting(): () => void {
  return keepTrying(async () => (navigator.onLine ? flushWaiting() : { stillWaiting: false, retryAfterMs: null }));
}

/** The conferences whose views are waiting on this device to be sent. */
export const waitingToSend = new Observable<Set<string>>(new Set());

export async function loadHome(): Promise<void> {
  try {
    const loaded = await api.childHome();
    home.value = loaded;
    let chosen: string | null = null;
    try {
      chosen = localStorage.getItem('lang');
    } catch {
      // private mode
    }
    if (!chosen && isLanguage(loaded.preferredLanguage)) {
      // Remembered on the phone (the language only), so the PIN screen speaks it next time too.
      await setLanguage(loaded.preferredLanguage);
    }
  } finally {
    // What waits on this device is known even with no signal.
    if (signedIn.value) {
      await refreshWaiting(signedIn.value.id);
    }
  }
}

/** Signs out and forgets everything shown; the encrypted drafts and anything waiting to be sent stay on the device. */
export async function signOut(notice?: string): Promise<void> {
  forget();
  try {
    await api.signOut();
  } catch (e) {
    if (!(e instanceof ApiError)) {
      throw e;
    }
  }
  go({ name: 'signIn', notice });
}

async function refreshWaiting(childId: string): Promise<void> {
  try {
    const pending = await (await openOutbox(childId, undefined, deviceWrapping)).pending();
    waitingToSend.value = new Set(pending.map((p) => p.conferenceId));
  } catch {
    waitingToSend.value = new Set();
  }
}

function forget(): void {
  stopReading();
  window.clearTimeout(idleTimer);
  window.clearInterval(refreshTimer);
  signedIn.value = null;
  home.value = null;
  lockDrafts();
  waitingToSend.value = new Set();
  forgetEditors();
}

onLeave(forget);

function armIdleLock(): void {
  window.clearTimeout(idleTimer);
  idleTimer = window.setTimeout(() => {
    if (signedIn.value) {
      void signOut('idle.locked');
    }
  }, IDLE_LIMIT_MS);
}

/** Any touch, key or typing counts as using the app. */
export function noteActivity(): void {
  lastActivity = Date.now();
  if (signedIn.value) {
    armIdleLock();
  }
}
