import { useEffect, useState } from 'preact/hooks';
import { api, attachmentsPath } from '../../api/client';
import type { Me, StaffConference, ViewsContent } from '../../api/types';
import { Choices, TextArea, type FieldError } from '../../components/Form';
import type { Topic } from '../../state/app';
import { ViewsEditor } from '../../state/views';
import { CheckPage, SentPage, TopicPage, ViewsHub, type ViewsNav } from '../../screens/Views';
import { LoadState, useLoad } from '../common';
import { navigate } from '../router';

type Sub = 'hub' | 'check' | 'sent' | Topic;

/** The advocate gives views with or for a child allocated to them: the child's own pages, with an honest authorship step. */
export function AdvocateViews({ conferenceId, childId, me }: { conferenceId: string; childId: string; me: Me }) {
  const { data: conference, failed, reload } = useLoad(() => api.conference(conferenceId), [conferenceId]);
  const status = conference?.children.find((c) => c.childId === childId);
  if (!conference || failed) return <LoadState failed={failed} loaded={!!conference} what="The views" reload={reload} />;
  if (!status) return <LoadState failed={null} loaded what="The views" reload={reload} />;
  return <AdvocateEditor conference={conference} childId={childId} knownAs={status.knownAs} me={me} />;
}

function AdvocateEditor({ conference, childId, knownAs, me }: { conference: StaffConference; childId: string; knownAs: string; me: Me }) {
  const [editor, setEditor] = useState<ViewsEditor | null>(null);
  const [failed, setFailed] = useState(false);
  const [sub, setSubState] = useState<Sub>('hub');
  const setSub = (next: Sub) => {
    setSubState(next);
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      document.querySelector<HTMLElement>('main h1')?.focus();
    });
  };

  useEffect(() => {
    ViewsEditor.open(conference.id, {
      namespace: `${me.id}:${childId}`,
      attachments: attachmentsPath(conference.id, childId),
      load: () => api.advocateViews(conference.id, childId),
      saveDraft: (content) => api.saveAdvocateDraft(conference.id, childId, content),
      send: (key, content) => api.sendAdvocateViews(conference.id, childId, key, content),
    }).then((opened) => {
      if (opened.content.value.authorship.kind === 'CHILD') {
        opened.content.value = { ...opened.content.value, authorship: { kind: 'CHILD_WITH_HELP' } };
      }
      setEditor(opened);
    }, () => setFailed(true));
  }, [conference.id, childId]);

  if (failed) return <p role="alert">The views could not be opened. Please try again.</p>;
  if (!editor) return <p role="status">Loading…</p>;

  const nav: ViewsNav = {
    hub: () => setSub('hub'),
    topic: (topic) => setSub(topic),
    check: () => setSub('check'),
    sent: () => setSub('sent'),
    home: () => navigate('/staff'),
  };
  const a = editor.content.value.authorship;
  const authorLine = a.kind === 'ADVOCATE_ON_BEHALF'
    ? `My summary of ${knownAs}'s views. ${readBackLine(a)}`
    : `${knownAs}'s own words, typed by me. ${readBackLine(a)}`;

  return (
    <>
      <p class="caption">Views with or for {knownAs}</p>
      {sub === 'hub' && <ViewsHub editor={editor} nav={nav} />}
      {sub === 'check' && <CheckPage editor={editor} nav={nav} authorLine={authorLine} author="advocate" />}
      {sub === 'sent' && <SentPage editor={editor} nav={nav} />}
      {sub !== 'hub' && sub !== 'check' && sub !== 'sent' && (
        <TopicPage editor={editor} nav={nav} topic={sub} authorChoices={AdvocateAuthorship} author="advocate" />
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
