import { useEffect, useRef, useState } from 'preact/hooks';
import { language, languageInfo, t } from '../i18n';
import { canReadAloud, readAloud, speaking } from '../speech/readAloud';
import { mode } from '../state/app';
import { useObservable } from '../state/observable';
import { newVersionReady, switchToNewVersion } from './newVersion';

/** Anything a child or a member of staff types into. */
const TEXT_ENTRY =
  'textarea, input:not([type]), input[type=text], input[type=password], input[type=email], input[type=number], ' +
  'input[type=search], input[type=tel], input[type=url], [contenteditable]:not([contenteditable=false])';

/** Someone may be typing: the screen has a text field, or one has the focus. */
export function formOnScreen(doc: Document = document): boolean {
  return !!doc.querySelector(`main :is(${TEXT_ENTRY})`) || !!doc.activeElement?.matches(TEXT_ENTRY);
}

function useFormOnScreen(): boolean {
  const [form, setForm] = useState(() => formOnScreen());
  useEffect(() => {
    const look = () => setForm(formOnScreen());
    const screens = new MutationObserver(look);
    screens.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', look);
    document.addEventListener('focusout', look);
    look();
    return () => {
      screens.disconnect();
      document.removeEventListener('focusin', look);
      document.removeEventListener('focusout', look);
    };
  }, []);
  return form;
}

/**
 * "A new version of MySay is ready", with a button that takes it up. Shown only on screens with nothing to type
 * into, so it never interrupts a child writing, and what they wrote is saved before it appears. The live region is
 * always there (role=status), so screen readers announce the notice when it comes; in pictures mode it is read aloud.
 */
export function NewVersionNotice() {
  const ready = useObservable(newVersionReady);
  useObservable(language);
  const typing = useFormOnScreen();
  const region = useRef<HTMLDivElement>(null);
  const shown = ready && !typing;

  useEffect(() => {
    if (!shown || mode.value !== 'pictures' || !canReadAloud() || speaking.value || !region.current) return;
    readAloud(region.current, languageInfo().speech);
  }, [shown]);

  return (
    <div role="status" class="new-version" ref={region}>
      {shown && (
        <div class="notice new-version-notice">
          <p>{t('update.ready')}</p>
          <button type="button" class="button" onClick={() => void switchToNewVersion()}>
            {t('update.use')}
          </button>
        </div>
      )}
    </div>
  );
}
