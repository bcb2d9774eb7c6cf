/**
 * A part of the app that fails to load (a Welsh, Arabic or staff chunk gone with a new release, or answered wrongly
 * during a deploy) is fixed by loading the page again, which brings the current build whole. Once: a second failure
 * within a minute is left to show as an error, so the page never reloads over and over.
 */
export const RELOADED_AT = 'mysay-reloaded-for-missing-file';
const AT_MOST_ONCE_IN_MS = 60_000;

export interface Reloading {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  now: number;
  reload: () => void;
}

/** Reloads unless it already did so within the last minute; says whether it did. */
export function reloadOnce({ storage, now, reload }: Reloading): boolean {
  if (!storage) return false;
  try {
    const last = Number(storage.getItem(RELOADED_AT) ?? 0);
    if (now - last < AT_MOST_ONCE_IN_MS && now >= last) return false;
    storage.setItem(RELOADED_AT, String(now));
  } catch {
    return false; // storage refused (private mode): no way to know whether this already happened, so never loop
  }
  reload();
  return true;
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Vite reports every failed dynamic import (and its preloads) as 'vite:preloadError'. */
export function reloadOnMissingFiles(): void {
  window.addEventListener('vite:preloadError', () => {
    reloadOnce({ storage: sessionStore(), now: Date.now(), reload: () => location.reload() });
  });
}
