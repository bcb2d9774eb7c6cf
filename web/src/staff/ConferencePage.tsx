import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AttendanceMode, ChildStatus, Me, StaffConference } from '../api/types';
import { Choices, ErrorSummary, Notice, TextInput, fieldError, type FieldError } from '../components/Form';
import { formatDate } from '../i18n';
import { BackLink, Heading, Link, LoadState, errorsFrom, useLoad } from './common';
import { AttentionTags, ChildStatusList, conferenceTitle } from './status';

const MODE = { IN_PERSON: 'In person', VIDEO: 'By video', HYBRID: 'In person and by video' };

/** One conference: each child's status, and what the reader's role can do next. */
export function ConferencePage({ id, me }: { id: string; me: Me }) {
  const { data: c, failed, reload } = useLoad(() => api.conference(id), [id]);
  const [moving, setMoving] = useState(false);
  const [moved, setMoved] = useState<string | null>(null);
  if (!c || failed) return <LoadState failed={failed} loaded={!!c} what="The conference" reload={reload} />;
  const started = new Date(c.startsAt).getTime() <= Date.now();

  return (
    <>
      <BackLink href="/staff" />
      <Heading caption={c.status === 'CANCELLED' ? 'Cancelled' : c.status === 'HELD' ? 'Held' : 'Coming up'}>{conferenceTitle(c)}</Heading>
      {moved && <Notice kind="success">{moved}</Notice>}
      <dl class="facts">
        <div><dt>When</dt><dd>{formatDate(c.startsAt, true)}</dd></div>
        <div><dt>Where</dt><dd>{MODE[c.attendanceMode]}{c.place ? `: ${c.place}` : ''}</dd></div>
        <div><dt>Views due</dt><dd>{formatDate(c.viewsDue)}</dd></div>
        <div><dt>Chair</dt><dd>{c.chair?.displayName ?? 'Not known'}</dd></div>
        <div><dt>Social worker</dt><dd>{c.socialWorker?.displayName ?? 'Not known'}</dd></div>
        {c.nextReviewDate && <div><dt>Next review</dt><dd>{formatDate(c.nextReviewDate)}</dd></div>}
      </dl>
      {(me.role === 'CHAIR' || me.role === 'SOCIAL_WORKER') && c.status !== 'CANCELLED' && (
        <div class="button-group">
          <Link href={`/staff/conferences/${c.id}/pack`} class="button">Read the conference pack</Link>
          {me.role === 'CHAIR' && started && (
            <Link href={`/staff/conferences/${c.id}/decision`} class="button button-secondary">
              {c.status === 'HELD' ? 'Change the decision' : 'Record the decision'}
            </Link>
          )}
        </div>
      )}
      {me.role === 'SOCIAL_WORKER' && c.status === 'SCHEDULED' && !moving && (
        <p><button type="button" class="button button-secondary" onClick={() => { setMoved(null); setMoving(true); }}>Move to another time</button></p>
      )}
      {moving && (
        <MoveConference conference={c} onCancel={() => setMoving(false)} onMoved={(message) => {
          setMoving(false);
          setMoved(message);
          reload();
          requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
        }} />
      )}
      {me.role === 'CHAIR' && !started && c.status === 'SCHEDULED' && (
        <p class="hint">You can record the decision once the conference has started.</p>
      )}
      {c.children.map((s) => (
        <ChildCard key={s.childId} conference={c} status={s} me={me} />
      ))}
    </>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Moving the conference to another time, and maybe place: the views-due date follows (the usual one for the new time,
 * unless one is given), and the chair and the children's advocates are told by e-mail, which says only that a meeting
 * has a new date or time.
 */
function MoveConference({ conference: c, onMoved, onCancel }: { conference: StaffConference; onMoved: (message: string) => void; onCancel: () => void }) {
  const now = new Date(c.startsAt);
  const [form, setForm] = useState({
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
    attendanceMode: c.attendanceMode as AttendanceMode,
    place: c.place ?? '',
    viewsDue: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm({ ...form, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!form.date) found.push({ field: 'move-date', message: 'Enter the new date' });
    if (!/^\d{1,2}:\d{2}$/.test(form.time)) found.push({ field: 'move-time', message: 'Enter the time, like 10:00' });
    if (form.attendanceMode !== 'VIDEO' && !form.place.trim()) found.push({ field: 'move-place', message: 'Enter where the conference will be held' });
    const startsAt = form.date && form.time ? new Date(`${form.date}T${form.time.padStart(5, '0')}`) : null;
    if (form.date && startsAt && Number.isNaN(startsAt.getTime())) found.push({ field: 'move-date', message: 'Enter a real date' });
    setErrors(found);
    if (found.length || !startsAt) return;
    setBusy(true);
    try {
      const moved = await api.moveConference(c.id, {
        startsAt: startsAt.toISOString(),
        attendanceMode: form.attendanceMode,
        place: form.attendanceMode === 'VIDEO' ? null : form.place.trim(),
        viewsDue: form.viewsDue || null,
      });
      onMoved(`The conference is moved to ${formatDate(moved.startsAt, true)}. Views are now due by ${formatDate(moved.viewsDue)}. The chair and any advocates have been told by e-mail.`);
    } catch (err) {
      setErrors(errorsFrom(err, 'move-date', { startsAt: 'move-date', place: 'move-place', viewsDue: 'move-views-due', attendanceMode: 'move-mode' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="move-heading">
      <h2 id="move-heading" class="heading-m">Move to another time</h2>
      <p>Children already invited keep their codes and drafts. The chair and any advocates are told by e-mail; the e-mail does not say which conference.</p>
      <ErrorSummary errors={errors} />
      <div class="field-pair">
        <TextInput id="move-date" label="New date" type="date" value={form.date} error={fieldError(errors, 'move-date')} onInput={set('date')} />
        <TextInput id="move-time" label="New time" type="time" value={form.time} error={fieldError(errors, 'move-time')} onInput={set('time')} />
      </div>
      <Choices id="move-mode" legend="How will people meet?" selected={[form.attendanceMode]}
        onChange={([v]) => set('attendanceMode')(v as AttendanceMode)} error={fieldError(errors, 'move-mode')}
        options={[{ value: 'IN_PERSON', label: 'In person' }, { value: 'VIDEO', label: 'By video' }, { value: 'HYBRID', label: 'Both: in person and by video' }]} />
      {form.attendanceMode !== 'VIDEO' && (
        <TextInput id="move-place" label="Where" value={form.place} error={fieldError(errors, 'move-place')} onInput={set('place')} />
      )}
      <TextInput id="move-views-due" label="Views due by (optional)" type="date"
        hint="If you leave this empty: the usual date for the new time, 2 working days before an initial conference, 7 before a review"
        value={form.viewsDue} error={fieldError(errors, 'move-views-due')} onInput={set('viewsDue')} />
      <div class="button-group">
        <button type="submit" class="button" disabled={busy}>Move the conference</button>
        <button type="button" class="link-button" onClick={onCancel}>Keep the time as it is</button>
      </div>
    </form>
  );
}

function ChildCard({ conference: c, status: s, me }: { conference: StaffConference; status: ChildStatus; me: Me }) {
  return (
    <section class={`card${s.urgent ? ' card-urgent' : ''}`} aria-labelledby={`child-${s.childId}`}>
      <h2 id={`child-${s.childId}`} class="heading-m">{s.knownAs}</h2>
      <p class="caption">Case reference {s.caseReference}</p>
      <AttentionTags status={s} />
      <ChildStatusList status={s} />
      {s.outcomeMessage && (
        <div class="chair-message">
          <h3 class="heading-s">The chair's message to {s.knownAs}</h3>
          <p class="words" dir="auto">{s.outcomeMessage}</p>
        </div>
      )}
      {me.role === 'SOCIAL_WORKER' && c.status === 'SCHEDULED' && (
        <div class="button-group">
          <Link href={`/staff/conferences/${c.id}/children/${s.childId}/invite`} class="button button-secondary">
            {s.invitation ? `Invite ${s.knownAs} again` : `Invite ${s.knownAs}`}
          </Link>
        </div>
      )}
      {me.role === 'SOCIAL_WORKER' && (
        <p>
          <Link href={`/staff/children/${s.childId}/devices`} class={s.deviceLocked ? 'button button-warning' : undefined}>
            {s.deviceLocked ? `Reset ${s.knownAs}'s PIN on the locked device` : `${s.knownAs}'s devices`}
          </Link>
        </p>
      )}
      {me.role === 'ADVOCATE' && c.status === 'SCHEDULED' && (
        <Link href={`/staff/conferences/${c.id}/children/${s.childId}/views`} class="button">Give views with or for {s.knownAs}</Link>
      )}
    </section>
  );
}
