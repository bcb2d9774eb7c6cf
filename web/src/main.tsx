import { render } from 'preact';
import { isLanguage, setLanguage } from './i18n';
import { deviceBound, go, mode, setMode } from './state/app';
import { openBoundDevice } from './state/session';
import { App } from './App';
import { reloadOnMissingFiles } from './update/missingFile';
import { watchForNewVersions } from './update/newVersion';
import './styles.css';

const root = document.getElementById('app')!;

// The invitation link carries its code after '#': read it, then at once, before anything else loads, replace the
// history entry, so the code stays neither in the address bar nor in the tab's history (Back, a restored tab).
const staff = location.pathname.startsWith('/staff');
const code = !staff && location.pathname.startsWith('/join') ? decodeURIComponent(location.hash.slice(1)) || null : null;
if (!staff) {
  history.replaceState(null, '', '/');
}

async function start(): Promise<void> {
  setMode(mode.value);
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem('lang');
  } catch {
    // private mode
  }
  if (isLanguage(remembered)) {
    await setLanguage(remembered, false);
  }

  if (staff) {
    const { startStaff } = await import('./staff/StaffApp');
    startStaff(root);
    return;
  }

  render(<App />, root);

  if (code) {
    go({ name: 'welcome', code });
    return;
  }
  // Opening MySay never carries on a child's session: on a phone that is set up, the PIN comes first.
  if (deviceBound.get()) {
    await openBoundDevice();
  } else {
    go({ name: 'welcome', code: null });
  }
}

void start();

reloadOnMissingFiles();
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => void watchForNewVersions().catch(() => undefined));
}
