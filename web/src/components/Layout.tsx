import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t, languageInfo } from '../i18n';
import { leaveQuickly } from '../safety/leaveQuickly';
import { canReadAloud, readAloud, speaking, stopReading } from '../speech/readAloud';
import { useObservable } from '../state/observable';
import { Speaker } from './Pictures';
import { Menu } from './Menu';
import { NewVersionNotice } from '../update/NewVersionNotice';

/** Every screen: leave quickly, listen, the menu, and the page itself. */
export function Layout({ children, signedIn }: { children: ComponentChildren; signedIn: boolean }) {
  const mainRef = useRef<HTMLElement>(null);
  const isSpeaking = useObservable(speaking);
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <div class="app">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.querySelector<HTMLElement>('h1')?.focus(); }}>
        Skip to content
      </a>
      <header class="header">
        <span class="brand">{t('app.name')}</span>
        <div class="header-actions">
          {canReadAloud() && (
            <button
              type="button"
              class="button button-secondary listen"
              aria-pressed={isSpeaking}
              onClick={() => (isSpeaking ? stopReading() : mainRef.current && readAloud(mainRef.current, languageInfo().speech))}
            >
              <Speaker size={24} />
              <span>{isSpeaking ? t('listen.stop') : t('listen.start')}</span>
            </button>
          )}
          <button
            type="button"
            class="button button-secondary"
            aria-expanded={menuOpen}
            aria-controls="menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t('common.menu')}
          </button>
          <button type="button" class="button button-leave" onClick={() => leaveQuickly()}>
            {t('leave.button')}
          </button>
        </div>
      </header>
      {menuOpen && <Menu signedIn={signedIn} onClose={() => setMenuOpen(false)} />}
      <main id="main" ref={mainRef} class="main">
        <NewVersionNotice />
        {children}
      </main>
      <footer class="footer">
        <p>{t('leave.hint')}</p>
        <p>{t('help.childline')}</p>
      </footer>
    </div>
  );
}
