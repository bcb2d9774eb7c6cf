import { useEffect, useRef } from 'preact/hooks';
import { LANGUAGES, language, setLanguage, t, type Language } from '../i18n';
import { go, mode, setMode } from '../state/app';
import { useObservable } from '../state/observable';
import { signOut } from '../state/session';

export function Menu({ signedIn, onClose }: { signedIn: boolean; onClose: () => void }) {
  const currentMode = useObservable(mode);
  const currentLanguage = useObservable(language);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => first.current?.focus(), []);

  const to = (action: () => void) => () => {
    onClose();
    action();
  };

  return (
    <nav id="menu" class="menu" aria-label={t('menu.title')}>
      <ul class="menu-links">
        {signedIn && (
          <li>
            <button ref={first} type="button" class="link-button" onClick={to(() => go({ name: 'home' }))}>
              {t('menu.home')}
            </button>
          </li>
        )}
        <li>
          <button ref={signedIn ? undefined : first} type="button" class="link-button" onClick={to(() => go({ name: 'about' }))}>
            {t('menu.about')}
          </button>
        </li>
        <li>
          <button type="button" class="link-button" onClick={to(() => go({ name: 'help' }))}>
            {t('menu.help')}
          </button>
        </li>
      </ul>
      <fieldset class="fieldset menu-choice">
        <legend>{t('mode.label')}</legend>
        {(['words', 'pictures'] as const).map((m) => (
          <label class="radio" key={m}>
            <input type="radio" name="mode" value={m} checked={currentMode === m} onChange={() => setMode(m)} />
            <span>{t(`mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="fieldset menu-choice">
        <legend>{t('language.label')}</legend>
        {LANGUAGES.map((l) => (
          <label class="radio" key={l.code}>
            <input
              type="radio"
              name="language"
              value={l.code}
              checked={currentLanguage === l.code}
              onChange={() => void setLanguage(l.code as Language)}
            />
            <span lang={l.code} dir={l.dir}>
              {l.name}
            </span>
          </label>
        ))}
      </fieldset>
      <div class="menu-actions">
        {signedIn && (
          <button type="button" class="button button-secondary" onClick={to(() => void signOut())}>
            {t('menu.signOut')}
          </button>
        )}
        <button type="button" class="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </nav>
  );
}
