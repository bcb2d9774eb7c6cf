import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChildConference, ChildStatus, HarmCategory, StaffConference } from '../../api/types';
import { Choices, ErrorSummary, TextArea, TextInput, fieldError, type FieldError } from '../../components/Form';
import { LANGUAGES } from '../../i18n';
import { useTranslator } from '../../i18n/useTranslator';
import { ConferenceCard } from '../../screens/Home';
import { BackLink, Heading, Link, LoadState, errorsFrom, useLoad } from '../common';
import { conferenceTitle, englishName } from '../status';

type ChildDecisionForm = { planNeeded: '' | 'yes' | 'no'; category: HarmCategory | ''; message: string };

const CATEGORIES: { value: HarmCategory; label: string }[] = [
  { value: 'EMOTIONAL', label: 'Emotional abuse' },
  { value: 'PHYSICAL', label: 'Physical abuse' },
  { value: 'SEXUAL', label: 'Sexual abuse' },
  { value: 'NEGLECT', label: 'Neglect' },
];

/** After the meeting the chair records the decision for each child and writes each child a message in plain words. */
export function RecordDecision({ id }: { id: string }) {
  const { data: conference, failed, reload } = useLoad(() => api.conference(id), [id]);
  if (!conference || failed) return <LoadState failed={failed} loaded={!!conference} what="The conference" reload={reload} />;
  return <DecisionForm conference={conference} />;
}

function DecisionForm({ conference: c }: { conference: StaffConference }) {
  const [forms, setForms] = useState<Record<string, ChildDecisionForm>>(() => Object.fromEntries(c.children.map((s) => [s.childId, {
    planNeeded: s.planNeeded === true ? 'yes' : s.planNeeded === false ? 'no' : '',
    category: s.harmCategory ?? '',
    message: s.outcomeMessage ?? '',
  }])));
  const [nextReviewDate, setNextReviewDate] = useState(c.nextReviewDate ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<StaffConference | null>(null);

  if (saved) {
    return (
      <>
        <div class="panel" role="status">
          <h1 class="heading-l" tabIndex={-1}>Decision recorded</h1>
          <p class="panel-body">Each child will see your message the next time they open MySay.</p>
        </div>
        <p><Link href={`/staff/conferences/${c.id}`}>Back to the conference</Link></p>
      </>
    );
  }

  const update = (childId: string, change: Partial<ChildDecisionForm>) => setForms({ ...forms, [childId]: { ...forms[childId], ...change } });

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    c.children.forEach((s, i) => {
      const f = forms[s.childId];
      if (!f.planNeeded) found.push({ field: `children[${i}].planNeeded`, message: `Say whether ${s.knownAs} needs a Child Protection Plan` });
      if (f.planNeeded === 'yes' && !f.category) found.push({ field: `children[${i}].category`, message: `Choose the category of ${s.knownAs}'s plan` });
      if (f.message.length > 2000) found.push({ field: `children[${i}].messageForChild`, message: `The message to ${s.knownAs} must be at most 2000 characters` });
    });
    if (c.children.some((s) => forms[s.childId].planNeeded === 'yes') && !nextReviewDate) {
      found.push({ field: 'nextReviewDate', message: 'Enter the date of the review conference' });
    }
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      setSaved(await api.recordDecision(c.id, {
        nextReviewDate: nextReviewDate || null,
        children: c.children.map((s) => {
          const f = forms[s.childId];
          return { childId: s.childId, planNeeded: f.planNeeded === 'yes', category: f.planNeeded === 'yes' ? (f.category as HarmCategory) : null, messageForChild: f.message.trim() || null };
        }),
      }));
    } catch (err) {
      setErrors(errorsFrom(err, 'nextReviewDate'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <BackLink href={`/staff/conferences/${c.id}`}>Back to the conference</BackLink>
      <Heading caption={conferenceTitle(c)}>Record the decision</Heading>
      <ErrorSummary errors={errors} />
      {c.children.map((s, i) => (
        <ChildDecision key={s.childId} conference={c} status={s} index={i} form={forms[s.childId]} errors={errors} nextReviewDate={nextReviewDate}
          onChange={(change) => update(s.childId, change)} />
      ))}
      <TextInput id="nextReviewDate" label="Date of the review conference" type="date"
        hint="Needed when any child has a plan" value={nextReviewDate} error={fieldError(errors, 'nextReviewDate')} onInput={setNextReviewDate} />
      <button type="submit" class="button" disabled={busy}>Record the decision</button>
    </form>
  );
}

function ChildDecision({ conference: c, status: s, index: i, form: f, errors, nextReviewDate, onChange }: {
  conference: StaffConference; status: ChildStatus; index: number; form: ChildDecisionForm; errors: FieldError[]; nextReviewDate: string;
  onChange: (change: Partial<ChildDecisionForm>) => void;
}) {
  const prefix = `children[${i}]`;
  const tr = useTranslator(s.preferredLanguage);
  const preview: ChildConference = {
    conferenceId: c.id, type: c.type, startsAt: c.startsAt, attendanceMode: c.attendanceMode, place: c.place, status: 'HELD',
    viewsDue: c.viewsDue, viewsDueSoon: false, draftSaved: false, sentVersion: s.sentVersion, sentAt: s.sentAt,
    readByChairAt: s.chairReadAt, readByChairVersion: s.chairReadVersion,
    chairMessage: f.message.trim() || null, chairMessageAt: f.message.trim() ? new Date().toISOString() : null,
    planNeeded: f.planNeeded ? f.planNeeded === 'yes' : null,
    nextReviewDate: f.planNeeded === 'yes' ? nextReviewDate || null : null,
  };
  return (
    <section class="card" aria-labelledby={`decision-${s.childId}`}>
      <h2 id={`decision-${s.childId}`} class="heading-m">{s.knownAs}</h2>
      <p class="child-language">
        {s.knownAs} reads MySay in {englishName(s.preferredLanguage)}
        {tr && tr.code !== 'en' && <> (<span lang={tr.lang}>{LANGUAGES.find((l) => l.code === tr.code)!.name}</span>)</>}.
        {tr && tr.code !== 'en' && ` MySay tells ${s.knownAs} what was decided in ${englishName(s.preferredLanguage)}; your message is shown as you write it.`}
      </p>
      <Choices id={`${prefix}.planNeeded`} legend={`Does ${s.knownAs} need a Child Protection Plan?`} selected={f.planNeeded ? [f.planNeeded] : []}
        error={fieldError(errors, `${prefix}.planNeeded`)} onChange={([v]) => onChange({ planNeeded: v as 'yes' | 'no' })}
        options={[{ value: 'yes', label: 'Yes, a plan is needed' }, { value: 'no', label: 'No plan' }]} />
      {f.planNeeded === 'yes' && (
        <Choices id={`${prefix}.category`} legend="Category of the plan" selected={f.category ? [f.category] : []}
          error={fieldError(errors, `${prefix}.category`)} onChange={([v]) => onChange({ category: v as HarmCategory })} options={CATEGORIES} />
      )}
      <TextArea id={`${prefix}.messageForChild`} label={`Your message to ${s.knownAs}`} maxLength={2000} value={f.message}
        hint={`In plain words ${s.knownAs} will understand: what was decided, what happens next, and thank them for their views.`}
        error={fieldError(errors, `${prefix}.messageForChild`)} onInput={(message) => onChange({ message })} />
      <h3 class="heading-s" id={`preview-${s.childId}`}>What {s.knownAs} will see, in {englishName(s.preferredLanguage)}</h3>
      {tr && (
        <div class="child-preview" role="group" aria-labelledby={`preview-${s.childId}`} lang={tr.lang} dir={tr.dir}>
          <ConferenceCard conference={preview} headingId={`preview-card-${s.childId}`} tr={tr} />
        </div>
      )}
    </section>
  );
}
