import { render } from 'preact';
import { api } from './api/client';
import { isLanguage, setLanguage } from './i18n';
import { deviceBound, go, mode, setMode } from './state/app';
import { resumeSession } from './state/session';
import { App } from './App';
import './styles.css';

const root = document.getElementById('app')!;

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

  if (location.pathname.startsWith('/staff')) {
    const { startStaff } = await import('./staff/StaffApp');
    startStaff(root);
    return;
  }

  // The invitation link carries its code after '#': read it, then take it out of the address bar and history.
  const code = location.pathname.startsWith('/join') ? decodeURIComponent(location.hash.slice(1)) || null : null;
  history.replaceState(null, '', '/');

  render(<App />, root);

  if (code) {
    go({ name: 'welcome', code });
    return;
  }
  // A session can only exist on a browser that was set up; asking anywhere else would only log a 401.
  try {
    if (!deviceBound.get()) throw new Error('not set up');
    const me = await api.me();
    if (me.role === 'CHILD') {
      await resumeSession(me);
      return;
    }
  } catch {
    // not signed in
  }
  go(deviceBound.get() ? { name: 'signIn' } : { name: 'welcome', code: null });
}

void start();

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }));
}
