import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type StaffChild, type StaffConference } from '../api/client';
import type { Me, ViewsContent } from '../api/types';
import { Choices, ErrorSummary, TextArea, TextInput, type FieldError } from '../components/Form';
import { formatDate } from '../i18n';
import type { Topic } from '../state/app';
import { ViewsEditor } from '../state/views';
import { CheckPage, SentPage, TopicPage, ViewsHub, type ViewsNav } from '../screens/Views';

/** The staff side of the app. For now, the advocate's way in: give views with or for a child allocated to them. */
export function startStaff(root: HTMLElement): void {
  document.title = 'MySay for staff';
  render(<StaffApp />, root);
}

type Page =
  | { name: 'signIn' }
  | { name: 'children' }
  | { name: 'views'; child: StaffChild; conference: StaffConference; sub: 'hub' | 'check' | 'sent' | Topic };

function focusHeading() {
  requestAnimationFrame(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  });
}

function StaffApp() {
  const [me, setMe] = useState<Me | null>(null);
  const [page, setPageState] = useState<Page>({ name: 'signIn' });
  const setPage = (p: Page) => {
    setPageState(p);
    focusHeading();
  };

  useEffect(() => {
    api.me().then((who) => {
      if (who.role !== 'CHILD') {
        setMe(who);
        setPage({ name: 'children' });
      }
    }, () => undefined);
  }, []);

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    setMe(null);
    setPage({ name: 'signIn' });
  };

  return (
    <div class="app staff">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.querySelector<HTMLElement>('main h1')?.focus(); }}>
        Skip to content
      </a>
      <header class="header">
        <span class="brand">MySay for staff</span>
        {me && (
          <div class="header-actions">
            <span class="signed-in-as">{me.displayName}</span>
            <button type="button" class="button button-secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" class="main">
        {page.name === 'signIn' && <StaffSignIn onSignedIn={(who) => { setMe(who); setPage({ name: 'children' }); }} />}
        {page.name === 'children' && me && <MyChildren me={me} onOpen={(child, conference) => setPage({ name: 'views', child, conference, sub: 'hub' })} />}
        {page.name === 'views' && me && <AdvocateViews me={me} page={page} setPage={setPage} />}
      </main>
    </div>
  );
}

function StaffSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim()) found.push({ field: 'email', message: 'Enter your e-mail address' });
    if (!password) found.push({ field: 'password', message: 'Enter your password' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const session = await api.staffSignIn(email.trim(), password);
      onSignedIn(session.me);
    } catch (err) {
      setErrors([{ field: 'email', message: err instanceof ApiError && err.status === 401
        ? 'The e-mail address or password is not right' : 'Something went wrong. Please try again.' }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1 class="heading-l" tabIndex={-1}>Sign in</h1>
      <ErrorSummary errors={errors} />
      <TextInput id="email" label="E-mail address" type="email" inputMode="email" autoComplete="username" value={email}
        error={errors.find((x) => x.field === 'email')?.message} onInput={setEmail} />
      <TextInput id="password" label="Password" type="password" autoComplete="current-password" value={password}
        error={errors.find((x) => x.field === 'password')?.message} onInput={setPassword} />
      <button type="submit" class="button" disabled={busy}>Sign in</button>
    </form>
  );
}

function MyChildren({ me, onOpen }: { me: Me; onOpen: (child: StaffChild, conference: StaffConference) => void }) {
  const [data, setData] = useState<{ children: StaffChild[]; conferences: StaffConference[] } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    Promise.all([api.children(), api.conferences()]).then(([children, conferences]) => setData({ children, conferences }), () => setFailed(true));
  }, []);

  if (failed) return <p role="alert">Your children could not be loaded. Please try again.</p>;
  if (!data) return <p role="status">Loading…</p>;
  if (me.role !== 'ADVOCATE') {
    return (
      <>
        <h1 class="heading-l" tabIndex={-1}>Signed in</h1>
        <p>These pages are for advocates giving views with or for a child. The workspace for social workers, chairs and managers is not here yet.</p>
      </>
    );
  }
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>My children</h1>
      {data.children.length === 0 && <p>No children are allocated to you.</p>}
      {data.children.map((child) => {
        const upcoming = data.conferences.filter((c) => c.status === 'SCHEDULED' && c.children.some((x) => x.childId === child.id));
        return (
          <section class="card" key={child.id} aria-labelledby={`child-${child.id}`}>
            <h2 id={`child-${child.id}`} class="heading-m">{child.knownAs}</h2>
            {upcoming.length === 0 && <p>No conference is coming up.</p>}
            {upcoming.map((c) => {
              const status = c.children.find((x) => x.childId === child.id)!;
              return (
                <div key={c.id}>
                  <p>
                    {c.type === 'INITIAL' ? 'Initial' : 'Review'} conference on {formatDate(c.startsAt, true)}. Views due {formatDate(c.viewsDue)}.{' '}
                    {status.sentVersion ? `Views sent (version ${status.sentVersion})${status.chairReadAt ? ', read by the chair' : ''}.` : 'No views sent yet.'}
                  </p>
                  <button type="button" class="button" onClick={() => onOpen(child, c)}>
                    Give views with or for {child.knownAs}
                  </button>
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

function AdvocateViews({ me, page, setPage }: { me: Me; page: Extract<Page, { name: 'views' }>; setPage: (p: Page) => void }) {
  const [editor, setEditor] = useState<ViewsEditor | null>(null);
  const [failed, setFailed] = useState(false);
  const { child, conference } = page;

  useEffect(() => {
    ViewsEditor.open(conference.id, {
      namespace: `${me.id}:${child.id}`,
      load: () => api.advocateViews(conference.id, child.id),
      saveDraft: (content) => api.saveAdvocateDraft(conference.id, child.id, content),
      send: (key, content) => api.sendAdvocateViews(conference.id, child.id, key, content),
    }).then((opened) => {
      if (opened.content.value.authorship.kind === 'CHILD') {
        opened.content.value = { ...opened.content.value, authorship: { kind: 'CHILD_WITH_HELP' } };
      }
      setEditor(opened);
    }, () => setFailed(true));
  }, [conference.id, child.id]);

  if (failed) return <p role="alert">The views could not be opened. Please try again.</p>;
  if (!editor) return <p role="status">Loading…</p>;

  const nav: ViewsNav = {
    hub: () => setPage({ ...page, sub: 'hub' }),
    topic: (topic) => setPage({ ...page, sub: topic }),
    check: () => setPage({ ...page, sub: 'check' }),
    sent: () => setPage({ ...page, sub: 'sent' }),
    home: () => setPage({ name: 'children' }),
  };
  const a = editor.content.value.authorship;
  const authorLine = a.kind === 'ADVOCATE_ON_BEHALF'
    ? `My summary of ${child.knownAs}'s views. ${readBackLine(a)}`
    : `${child.knownAs}'s own words, typed by me. ${readBackLine(a)}`;

  return (
    <>
      <p class="caption">Views with or for {child.knownAs}</p>
      {page.sub === 'hub' && <ViewsHub editor={editor} nav={nav} />}
      {page.sub === 'check' && <CheckPage editor={editor} nav={nav} authorLine={authorLine} author="advocate" />}
      {page.sub === 'sent' && <SentPage editor={editor} nav={nav} />}
      {page.sub !== 'hub' && page.sub !== 'check' && page.sub !== 'sent' && (
        <TopicPage editor={editor} nav={nav} topic={page.sub} authorChoices={AdvocateAuthorship} author="advocate" />
      )}
    </>
  );
}

function readBackLine(a: ViewsContent['authorship']): string {
  if (a.readBackAgreed === true) return 'They heard it read back and agree.';
  if (a.readBackAgreed === false) return `Not read back or not agreed: ${a.notReadBackReason ?? ''}`;
  return 'Read-back not recorded yet.';
}

/** The advocate says honestly whose words these are, and whether the child heard them read back and agrees. */
function AdvocateAuthorship({ content, update, errors }: { content: ViewsContent; update: (c: ViewsContent) => void; errors: FieldError[] }) {
  const a = content.authorship;
  return (
    <>
      <Choices id="authorship" legend="Whose words are these?" legendAsHeading
        options={[
          { value: 'CHILD_WITH_HELP', label: "The child's own words, typed by me" },
          { value: 'ADVOCATE_ON_BEHALF', label: "My summary of the child's views" },
        ]}
        selected={[a.kind]}
        onChange={([kind]) => update({ ...content, authorship: { ...a, kind: kind as 'CHILD_WITH_HELP' | 'ADVOCATE_ON_BEHALF' } })} />
      <Choices id="readBack" legend="Has the child heard this read back, and do they agree with it?"
        error={errors.find((x) => x.field === 'readBack')?.message}
        options={[
          { value: 'yes', label: 'Yes, they heard it and agree' },
          { value: 'no', label: 'No' },
        ]}
        selected={a.readBackAgreed == null ? [] : [a.readBackAgreed ? 'yes' : 'no']}
        onChange={([v]) => update({ ...content, authorship: { ...a, readBackAgreed: v === 'yes' } })} />
      {a.readBackAgreed === false && (
        <TextArea id="notReadBackReason" label="Why not?" value={a.notReadBackReason ?? ''} maxLength={1000}
          error={errors.find((x) => x.field === 'notReadBackReason')?.message}
          onInput={(notReadBackReason) => update({ ...content, authorship: { ...a, notReadBackReason } })} />
      )}
    </>
  );
}
