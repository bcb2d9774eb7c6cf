import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/Layout';
import { language, languageInfo, t } from './i18n';
import { canReadAloud, readAloud } from './speech/readAloud';
import { LeaveShortcut, leaveQuickly } from './safety/leaveQuickly';
import { go, mode, screen, type Screen } from './state/app';
import { useObservable } from './state/observable';
import { flushWaiting, keepTryingWaiting, loadHome, noteActivity, signedIn } from './state/session';
import { childEditor, type ViewsEditor } from './state/views';
import { ChoosePin, EnterCode, Removed, SignIn, Welcome } from './screens/Entry';
import { Home } from './screens/Home';
import { About, Help } from './screens/Info';
import { CheckPage, SentPage, TopicPage, ViewsHub, type ViewsNav } from './screens/Views';

export function App() {
  const current = useObservable(screen);
  useObservable(language);
  const me = useObservable(signedIn);
  useObservable(mode);

  useEffect(() => {
    const shortcut = new LeaveShortcut(() => leaveQuickly());
    const onKey = (e: KeyboardEvent) => {
      shortcut.onKeyDown(e);
      noteActivity();
    };
    const onOnline = () => void flushWaiting();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', noteActivity);
    window.addEventListener('input', noteActivity);
    window.addEventListener('online', onOnline);
    const stopTrying = keepTryingWaiting();
    return () => {
      stopTrying();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', noteActivity);
      window.removeEventListener('input', noteActivity);
      window.removeEventListener('online', onOnline);
    };
  }, []);

  // In pictures mode every screen is read aloud as it opens, once the child has touched the app
  // (browsers only allow speech after a first tap or key press).
  useEffect(() => {
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    if (mode.value !== 'pictures' || !canReadAloud() || activation?.hasBeenActive === false) return;
    const timer = window.setTimeout(() => {
      const main = document.querySelector<HTMLElement>('main');
      if (main) readAloud(main, languageInfo().speech);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [current]);

  return (
    <Layout signedIn={!!me}>
      <CurrentScreen screen={current} />
    </Layout>
  );
}

function CurrentScreen({ screen: s }: { screen: Screen }) {
  switch (s.name) {
    case 'welcome':
      return <Welcome code={s.code} />;
    case 'code':
      return <EnterCode />;
    case 'choosePin':
      return <ChoosePin knownAs={s.knownAs} reset={s.reset} />;
    case 'signIn':
      return <SignIn notice={s.notice} />;
    case 'removed':
      return <Removed />;
    case 'home':
      return <Home />;
    case 'about':
      return <About page={s.page} />;
    case 'help':
      return <Help />;
    case 'views':
    case 'topic':
    case 'check':
    case 'sent':
      return <ChildViews screen={s} />;
  }
}

function ChildViews({ screen: s }: { screen: Extract<Screen, { conferenceId: string }> }) {
  const me = signedIn.value;
  const [editor, setEditor] = useState<ViewsEditor | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!me) return;
    childEditor(me.id, s.conferenceId).then(setEditor, () => setFailed(true));
  }, [me?.id, s.conferenceId]);

  if (!me) {
    go({ name: 'signIn' });
    return null;
  }
  if (failed) return <p role="alert">{t('common.somethingWrong')}</p>;
  if (!editor) return <p role="status">…</p>;

  const conferenceId = s.conferenceId;
  const nav: ViewsNav = {
    hub: () => go({ name: 'views', conferenceId }),
    topic: (topic) => go({ name: 'topic', conferenceId, topic }),
    check: () => go({ name: 'check', conferenceId }),
    sent: () => go({ name: 'sent', conferenceId }),
    home: () => void loadHome().finally(() => go({ name: 'home' })),
  };
  switch (s.name) {
    case 'views':
      return <ViewsHub editor={editor} nav={nav} />;
    case 'topic':
      return <TopicPage editor={editor} nav={nav} topic={s.topic} />;
    case 'check':
      return <CheckPage editor={editor} nav={nav} />;
    case 'sent':
      return <SentPage editor={editor} nav={nav} onSignIn={() => go({ name: 'signIn' })} />;
  }
}
