import { Observable } from '../state/observable';

/** A new build of MySay is installed and waiting for the child's word ("A new version of MySay is ready"). */
export const newVersionReady = new Observable(false);

let waitingWorker: ServiceWorker | null = null;
const CHECK_EVERY_MS = 60 * 60 * 1000;

function waiting(worker: ServiceWorker | null): void {
  // The very first install has nothing to replace: only an update waits for the child.
  if (!worker || !navigator.serviceWorker.controller) return;
  waitingWorker = worker;
  newVersionReady.value = true;
}

/** Registers the service worker and watches for a new build; an open app also asks every hour and on coming back. */
export async function watchForNewVersions(): Promise<void> {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  waiting(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') waiting(installing);
    });
  });
  const check = () => void registration.update().catch(() => undefined);
  window.setInterval(check, CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** The child pressed "Use the new version": the waiting build takes over, then the page reloads into it. */
export async function switchToNewVersion(): Promise<void> {
  // The newest waiting build: another may have replaced the one first announced.
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  const worker = registration?.waiting ?? waitingWorker;
  if (!worker || worker.state === 'redundant' || worker.state === 'activated') {
    location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  worker.postMessage({ type: 'SKIP_WAITING' });
}
