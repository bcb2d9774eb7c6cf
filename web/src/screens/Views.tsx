import { useState } from 'preact/hooks';
import { TAKING_PART_WAYS, type AdvocateChoice, type TakingPartWay, type TextPart, type ViewsContent } from '../api/types';
import { KeptPicture, KeptVoice, PictureMaker, VoiceNote } from '../components/Attachments';
import { Choices, ErrorSummary, Notice, TextArea, TextInput, type FieldError } from '../components/Form';
import { Face, GoodThingsHouse, WayPicture, WishesHouse, WorriesHouse } from '../components/Pictures';
import { formatDate, t, tn } from '../i18n';
import { mode, type Topic } from '../state/app';
import { useObservable } from '../state/observable';
import type { ViewsEditor } from '../state/views';

export const TEXT_LIMIT = 4000;

/** How the views pages move between each other, for the child or for an advocate. */
export interface ViewsNav {
  hub(): void;
  topic(topic: Topic): void;
  check(): void;
  sent(): void;
  home(): void;
}

/** The topics in the order the hub lists them; the child may answer them in any order. */
export const TOPICS: Topic[] = ['goodThings', 'worries', 'wishes', 'safety', 'takingPart', 'advocate', 'questions', 'tellChairFirst', 'authorship'];

type TextTopic = 'goodThings' | 'worries' | 'wishes' | 'questions' | 'tellChairFirst';
const TEXT_TOPICS: TextTopic[] = ['goodThings', 'worries', 'wishes', 'questions', 'tellChairFirst'];
/** The three houses, where a voice note or a picture may go beside the words (or instead of them). */
export const ATTACHMENT_TOPICS: Topic[] = ['goodThings', 'worries', 'wishes'];
export const PICTURE_TEXT_LIMIT = 300;

export function isAnswered(topic: Topic, v: ViewsContent): boolean {
  switch (topic) {
    case 'safety':
      return v.safety?.score != null;
    case 'takingPart':
      return !!(v.takingPart?.ways?.length || v.takingPart?.whoWithMe?.trim());
    case 'advocate':
      return !!v.advocate?.choice;
    case 'authorship':
      return true;
    default: {
      const part = v[topic] as TextPart | null | undefined;
      return !!(part?.text?.trim() || part?.voiceNote || part?.picture);
    }
  }
}

function housePicture(topic: Topic) {
  if (topic === 'goodThings') return <GoodThingsHouse size={96} />;
  if (topic === 'worries') return <WorriesHouse size={96} />;
  if (topic === 'wishes') return <WishesHouse size={96} />;
  return null;
}

function SaveStatus({ editor }: { editor: ViewsEditor }) {
  const state = useObservable(editor.saveState);
  const text = state === 'saved' ? t('common.savedEverywhere') : state === 'savedHere' ? t('common.savedHere') : '';
  return (
    <p class="save-status" role="status">
      {text}
    </p>
  );
}

export function ViewsHub({ editor, nav }: { editor: ViewsEditor; nav: ViewsNav }) {
  const content = useObservable(editor.content);
  const pictures = useObservable(mode) === 'pictures';
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {t('views.title')}
      </h1>
      <p class="words-only">{t('views.intro')}</p>
      <ul class={`topic-list${pictures ? ' topic-list-pictures' : ''}`}>
        {TOPICS.map((topic) => {
          const answered = isAnswered(topic, content);
          return (
            <li key={topic}>
              <button type="button" class="topic-button" onClick={() => nav.topic(topic)}>
                {pictures && <span class="topic-picture">{housePicture(topic) ?? (topic === 'safety' ? <Face score={content.safety?.score ?? 5} size={64} /> : null)}</span>}
                <span class="topic-title">{t(`topic.${topic}.title`)}</span>
                {topic !== 'authorship' && (
                  <span class={`tag ${answered ? 'tag-done' : 'tag-todo'}`}>{answered ? t('views.answered') : t('views.notAnswered')}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="button" onClick={nav.check}>
        {t('views.check')}
      </button>
      <SaveStatus editor={editor} />
    </>
  );
}

/** "May my parents or carers see this?", with the honest line about safety. */
function ShareChoice({ id, value, onChange }: { id: string; value: boolean; onChange: (v: boolean) => void }) {
  return (
    <Choices
      id={`${id}-share`}
      legend={t('share.question')}
      hint={t('share.honest')}
      options={[
        { value: 'no', label: t('share.no') },
        { value: 'yes', label: t('share.yes') },
      ]}
      selected={[value ? 'yes' : 'no']}
      onChange={([v]) => onChange(v === 'yes')}
    />
  );
}

export function TopicPage({ editor, nav, topic, authorChoices, author = 'child' }: {
  editor: ViewsEditor;
  nav: ViewsNav;
  topic: Topic;
  author?: Author;
  /** The authorship page differs for an advocate; the child's page is the default. */
  authorChoices?: (props: { content: ViewsContent; update: (c: ViewsContent) => void; errors: FieldError[] }) => preact.JSX.Element;
}) {
  const content = useObservable(editor.content);
  const pictures = useObservable(mode) === 'pictures';
  const [errors, setErrors] = useState<FieldError[]>([]);
  const update = (next: ViewsContent) => editor.update(() => next);

  const done = (e: Event) => {
    e.preventDefault();
    const found = validate(topic, content, author);
    setErrors(found);
    if (!found.length) nav.hub();
  };

  let body: preact.JSX.Element;
  if ((TEXT_TOPICS as Topic[]).includes(topic)) {
    const key = topic as TextTopic;
    const part = content[key] ?? { text: null, parentsMaySee: false };
    body = (
      <>
        {housePicture(topic) && <div class={pictures ? 'topic-hero topic-hero-large' : 'topic-hero'}>{housePicture(topic)}</div>}
        <TextArea id={key} label={t(`topic.${key}.question`)} labelAsHeading value={part.text ?? ''} maxLength={TEXT_LIMIT}
          error={errors.find((x) => x.field === key)?.message}
          onInput={(text) => update({ ...content, [key]: { ...part, text } })} />
        {ATTACHMENT_TOPICS.includes(key) && (
          <>
            <VoiceNote id={part.voiceNote} base={editor.backend.attachments} fieldId={`${key}-voice`}
              onChange={(voiceNote) => editor.update((c) => ({ ...c, [key]: { ...(c[key] ?? part), voiceNote } }))} />
            <PictureMaker id={part.picture} text={part.pictureText ?? ''} base={editor.backend.attachments} fieldId={`${key}-picture`}
              onChange={(picture) => editor.update((c) => ({ ...c, [key]: { ...(c[key] ?? part), picture } }))}
              textError={errors.find((x) => x.field === `${key}-picture-text`)?.message}
              onText={(pictureText) => editor.update((c) => ({ ...c, [key]: { ...(c[key] ?? part), pictureText } }))} />
          </>
        )}
        <ShareChoice id={key} value={part.parentsMaySee} onChange={(v) => update({ ...content, [key]: { ...part, parentsMaySee: v } })} />
      </>
    );
  } else if (topic === 'safety') {
    const part = content.safety ?? { score: null, parentsMaySee: false };
    body = (
      <>
        <Choices id="safety" legend={t('topic.safety.question')} legendAsHeading
          options={Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: t('safety.face', { n }), picture: <Face score={n} size={pictures ? 64 : 40} /> }))}
          selected={part.score == null ? [] : [String(part.score)]}
          onChange={([v]) => update({ ...content, safety: { ...part, score: Number(v) } })} />
        <p class="scale-ends" aria-hidden="true"><span>0: {t('safety.low')}</span><span>10: {t('safety.high')}</span></p>
        <ShareChoice id="safety" value={part.parentsMaySee} onChange={(v) => update({ ...content, safety: { ...part, parentsMaySee: v } })} />
      </>
    );
  } else if (topic === 'takingPart') {
    const part = content.takingPart ?? { ways: [], whoWithMe: null, parentsMaySee: false };
    body = (
      <>
        <Choices<TakingPartWay> id="takingPart" legend={t('topic.takingPart.question')} legendAsHeading multiple
          error={errors.find((x) => x.field === 'takingPart')?.message}
          options={TAKING_PART_WAYS.map((way) => ({ value: way, label: t(`way.${way}`), picture: pictures ? <WayPicture way={way} /> : undefined }))}
          selected={part.ways ?? []}
          onChange={(ways) => update({ ...content, takingPart: { ...part, ways } })} />
        <TextInput id="whoWithMe" label={t('topic.whoWithMe.label')} value={part.whoWithMe ?? ''}
          onInput={(whoWithMe) => update({ ...content, takingPart: { ...part, whoWithMe } })} />
        <ShareChoice id="takingPart" value={part.parentsMaySee} onChange={(v) => update({ ...content, takingPart: { ...part, parentsMaySee: v } })} />
      </>
    );
  } else if (topic === 'advocate') {
    const part = content.advocate ?? { choice: null, parentsMaySee: false };
    body = (
      <>
        <Choices<AdvocateChoice> id="advocate" legend={t('topic.advocate.question')} legendAsHeading
          hint={t('about.advocate.body').split('\n')[0]}
          options={(['WANT_ONE', 'HAVE_ONE', 'NO_THANKS'] as AdvocateChoice[]).map((c) => ({ value: c, label: t(`advocate.${c}`) }))}
          selected={part.choice ? [part.choice] : []}
          onChange={([choice]) => update({ ...content, advocate: { ...part, choice } })} />
        <ShareChoice id="advocate" value={part.parentsMaySee} onChange={(v) => update({ ...content, advocate: { ...part, parentsMaySee: v } })} />
      </>
    );
  } else if (authorChoices) {
    body = authorChoices({ content, update, errors });
  } else {
    body = <ChildAuthorship content={content} update={update} errors={errors} />;
  }

  return (
    <form onSubmit={done} noValidate>
      <h1 class="heading-l" tabIndex={-1}>
        {t(`topic.${topic}.title`)}
      </h1>
      <ErrorSummary errors={errors} />
      {body}
      <div class="button-group">
        <button type="submit" class="button">
          {t('common.saveAndContinue')}
        </button>
        <button type="button" class="button button-secondary" onClick={nav.hub}>
          {t('common.back')}
        </button>
      </div>
      <SaveStatus editor={editor} />
    </form>
  );
}

function ChildAuthorship({ content, update, errors }: { content: ViewsContent; update: (c: ViewsContent) => void; errors: FieldError[] }) {
  const a = content.authorship;
  return (
    <>
      <Choices id="authorship" legend={t('topic.authorship.question')} legendAsHeading
        options={[
          { value: 'CHILD', label: t('authorship.CHILD') },
          { value: 'CHILD_WITH_HELP', label: t('authorship.CHILD_WITH_HELP') },
        ]}
        selected={[a.kind]}
        onChange={([kind]) => update({ ...content, authorship: { ...a, kind: kind as 'CHILD' | 'CHILD_WITH_HELP' } })} />
      {a.kind === 'CHILD_WITH_HELP' && (
        <>
          <TextInput id="helperName" label={t('authorship.helperName')} value={a.helperName ?? ''}
            error={errors.find((x) => x.field === 'helperName')?.message}
            onInput={(helperName) => update({ ...content, authorship: { ...a, helperName } })} />
          <TextInput id="helperRole" label={t('authorship.helperRole')} value={a.helperRole ?? ''}
            onInput={(helperRole) => update({ ...content, authorship: { ...a, helperRole } })} />
        </>
      )}
    </>
  );
}

export type Author = 'child' | 'advocate';

/** Problems the author can fix before moving on; the same rules the service applies. */
export function validate(topic: Topic | 'all', v: ViewsContent, author: Author = 'child'): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of TEXT_TOPICS) {
    if ((topic === 'all' || topic === key) && (v[key]?.text?.length ?? 0) > TEXT_LIMIT) {
      errors.push({ field: key, message: tn('topic.tooLong', TEXT_LIMIT) });
    }
    if ((topic === 'all' || topic === key) && (v[key]?.pictureText?.length ?? 0) > PICTURE_TEXT_LIMIT) {
      errors.push({ field: `${key}-picture-text`, message: tn('topic.tooLong', PICTURE_TEXT_LIMIT) });
    }
  }
  if ((topic === 'all' || topic === 'takingPart') && v.takingPart?.ways?.includes('NOT_ATTENDING')
    && v.takingPart.ways.some((w) => w === 'COME_TO_ALL' || w === 'COME_TO_PART' || w === 'JOIN_BY_VIDEO')) {
    errors.push({ field: 'takingPart', message: t('way.conflict') });
  }
  const a = v.authorship;
  if (author === 'child' && (topic === 'all' || topic === 'authorship') && a.kind === 'CHILD_WITH_HELP' && !a.helperName?.trim()) {
    errors.push({ field: 'helperName', message: t('authorship.helperRequired') });
  }
  if (author === 'advocate' && (topic === 'all' || topic === 'authorship')) {
    if (a.readBackAgreed == null) {
      errors.push({ field: 'readBack', message: 'Say whether the child heard this read back and agrees' });
    } else if (!a.readBackAgreed && !a.notReadBackReason?.trim()) {
      errors.push({ field: 'notReadBackReason', message: 'Say why the child did not hear it read back or does not agree' });
    }
  }
  return errors;
}

function Shared({ shared, forStaff }: { shared: boolean; forStaff?: boolean }) {
  const label = forStaff
    ? shared ? 'Parents or carers may see this' : 'Not for parents or carers'
    : shared ? t('check.sharedYes') : t('check.sharedNo');
  return <p class={`sharing ${shared ? 'sharing-yes' : 'sharing-no'}`}>{label}</p>;
}

/** Exactly what the chair will see, in the child's own words, with a way back to each part. */
export function CheckPage({ editor, nav, authorLine, author = 'child' }: { editor: ViewsEditor; nav: ViewsNav; authorLine?: string; author?: Author }) {
  const content = useObservable(editor.content);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    const found = validate('all', content, author);
    if (!TOPICS.some((topic) => topic !== 'authorship' && isAnswered(topic, content))) {
      found.push({ field: 'send', message: t('check.nothing') });
    }
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await editor.send();
    } finally {
      setBusy(false);
    }
    nav.sent();
  };

  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {t('check.title')}
      </h1>
      <p>{t('check.intro')}</p>
      <ErrorSummary errors={errors} />
      <ViewsSummaryList content={content} authorLine={authorLine} onChange={nav.topic} attachments={editor.backend.attachments} />
      {editor.server?.viewsDue && <p>{t('check.changeLater', { date: formatDate(editor.server.viewsDue) })}</p>}
      <button id="send" type="button" class="button" disabled={busy} onClick={send}>
        {t('check.send')}
      </button>
    </>
  );
}

/** A child's views as the chair reads them, part by part in the child's own words; with Change links when editable. */
export function ViewsSummaryList({ content, authorLine, onChange, forStaff, attachments, authorshipAbove }: {
  content: ViewsContent;
  authorLine?: string;
  /** Who wrote it is already said above the list (the chair's pack): no row for it at the bottom. */
  authorshipAbove?: boolean;
  onChange?: (topic: Topic) => void;
  /** Read by staff: the sharing marks speak about the child, not to them. */
  forStaff?: boolean;
  /** Where the voice notes and pictures of these views are fetched from (each fetch is an audited play or view). */
  attachments?: string;
}) {
  const row = (topic: Topic, answer: preact.ComponentChildren, shared: boolean | null) => (
    <div class="summary-row" key={topic}>
      <dt class="summary-key">{t(`topic.${topic}.title`)}</dt>
      <dd class="summary-value">
        {answer}
        {shared !== null && isAnswered(topic, content) && <Shared shared={shared} forStaff={forStaff} />}
      </dd>
      {onChange && <dd class="summary-action">
        <button type="button" class="link-button" onClick={() => onChange?.(topic)}>
          {t('common.change')}
          <span class="visually-hidden"> {t(`topic.${topic}.title`)}</span>
        </button>
      </dd>}
    </div>
  );
  const text = (part: TextPart | null | undefined) => {
    const words = part?.text?.trim() ? <p class="words" dir="auto">{part.text}</p> : null;
    if (!part?.voiceNote && !part?.picture) return words ?? <p class="unanswered">{t('common.notAnswered')}</p>;
    const pictureWords = part.pictureText?.trim();
    return (
      <>
        {words}
        {part.voiceNote && (
          <div class="attached">
            <p class="attached-label">{forStaff ? 'A voice note' : t('check.voiceNote')}</p>
            {attachments && <KeptVoice base={attachments} id={part.voiceNote}
              label={forStaff ? 'The voice note' : t('voice.listenBack')}
              playLabel={forStaff ? 'Play the voice note' : t('voice.play')} />}
          </div>
        )}
        {part.picture && (
          <div class="attached">
            <p class="attached-label">{forStaff ? 'A picture' : t('check.picture')}</p>
            {attachments && <KeptPicture base={attachments} id={part.picture}
              alt={pictureWords || (forStaff ? 'A picture, with no words about it' : t('picture.alt'))} />}
            {pictureWords && <p><span class="attached-label">{forStaff ? (content.authorship.kind === 'ADVOCATE_ON_BEHALF' ? "What is in it, in the advocate's words: " : 'What is in it, in their words: ') : t('check.pictureText')}</span> <span class="words" dir="auto">{pictureWords}</span></p>}
          </div>
        )}
      </>
    );
  };

  const a = content.authorship;
  return (
      <dl class="summary-list">
        {row('goodThings', text(content.goodThings), content.goodThings?.parentsMaySee ?? false)}
        {row('worries', text(content.worries), content.worries?.parentsMaySee ?? false)}
        {row('wishes', text(content.wishes), content.wishes?.parentsMaySee ?? false)}
        {row('safety', content.safety?.score != null
          ? <p class="with-picture"><Face score={content.safety.score} size={40} /> {t('safety.face', { n: content.safety.score })}</p>
          : <p class="unanswered">{t('common.notAnswered')}</p>, content.safety?.parentsMaySee ?? false)}
        {row('takingPart', isAnswered('takingPart', content) ? (
          <ul class="plain-list">
            {(content.takingPart?.ways ?? []).map((w) => <li key={w}>{t(`way.${w}`)}</li>)}
            {content.takingPart?.whoWithMe?.trim() && <li>{t('topic.whoWithMe.label')} <span class="words" dir="auto">{content.takingPart.whoWithMe}</span></li>}
          </ul>
        ) : <p class="unanswered">{t('common.notAnswered')}</p>, content.takingPart?.parentsMaySee ?? false)}
        {row('advocate', content.advocate?.choice ? <p>{t(`advocate.${content.advocate.choice}`)}</p> : <p class="unanswered">{t('common.notAnswered')}</p>, content.advocate?.parentsMaySee ?? false)}
        {row('questions', text(content.questions), content.questions?.parentsMaySee ?? false)}
        {row('tellChairFirst', text(content.tellChairFirst), content.tellChairFirst?.parentsMaySee ?? false)}
        {!authorshipAbove && row('authorship', <p>{authorLine ?? (a.kind === 'CHILD_WITH_HELP'
          ? `${t('authorship.CHILD_WITH_HELP')}: ${a.helperName ?? ''}${a.helperRole ? ` (${a.helperRole})` : ''}`
          : t('authorship.CHILD'))}</p>, null)}
      </dl>
  );
}

export function SentPage({ editor, nav, onSignIn }: { editor: ViewsEditor; nav: ViewsNav; onSignIn?: () => void }) {
  const state = useObservable(editor.sendState);
  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>
        {state.kind === 'sent' ? t('sent.title') : t('views.title')}
      </h1>
      {state.kind === 'sending' && <Notice>{t('sent.sending')}</Notice>}
      {state.kind === 'waiting' && <Notice kind="warning">{t(state.busy ? 'sent.busy' : 'sent.waiting')}</Notice>}
      {state.kind === 'signInNeeded' && (
        <Notice kind="warning">
          {t('sent.signInAgain')}{' '}
          {onSignIn && <button type="button" class="link-button" onClick={onSignIn}>{t('pin.signIn')}</button>}
        </Notice>
      )}
      {state.kind === 'rejected' && <Notice kind="warning">{t('sent.rejected', { reason: state.detail })}</Notice>}
      {state.kind === 'sent' && (
        <div class="panel" role="status">
          <p class="panel-body">{t('sent.body')}</p>
        </div>
      )}
      {state.kind === 'sent' && state.receipt.helpOffered && <p class="notice help-lines">{t('sent.help')}</p>}
      <button type="button" class="button" onClick={nav.home}>
        {t('menu.home')}
      </button>
    </>
  );
}
