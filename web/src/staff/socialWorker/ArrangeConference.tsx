import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AttendanceMode, ConferenceType } from '../../api/types';
import { Choices, ErrorSummary, Select, TextInput, fieldError, type FieldError } from '../../components/Form';
import { Heading, LoadState, errorsFrom, useLoad } from '../common';
import { navigate } from '../router';

/** Arrange a conference for one or more children allocated to me (brothers and sisters share one). */
export function ArrangeConference() {
  const preselected = new URLSearchParams(location.search).get('child');
  const { data, failed, reload } = useLoad(() => Promise.all([api.children(), api.staffDirectory('CHAIR')]), []);
  const [form, setForm] = useState({
    type: '' as ConferenceType | '', date: '', time: '10:00', attendanceMode: '' as AttendanceMode | '', place: '', chairId: '',
    childIds: preselected ? [preselected] : ([] as string[]), viewsDue: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="The form" reload={reload} />;
  const [children, chairs] = data;
  const set = <K extends keyof typeof form>(field: K) => (value: (typeof form)[K]) => setForm({ ...form, [field]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!form.type) found.push({ field: 'type', message: 'Choose initial or review conference' });
    if (!form.date) found.push({ field: 'date', message: 'Enter the date of the conference' });
    if (!/^\d{1,2}:\d{2}$/.test(form.time)) found.push({ field: 'time', message: 'Enter the time, like 10:00' });
    if (!form.attendanceMode) found.push({ field: 'attendanceMode', message: 'Choose how people will meet' });
    if (form.attendanceMode && form.attendanceMode !== 'VIDEO' && !form.place.trim()) found.push({ field: 'place', message: 'Enter where the conference will be held' });
    if (!form.chairId) found.push({ field: 'chairId', message: 'Choose the chair' });
    if (!form.childIds.length) found.push({ field: 'childIds', message: 'Choose the children this conference is about' });
    const startsAt = form.date && form.time ? new Date(`${form.date}T${form.time.padStart(5, '0')}`) : null;
    if (form.date && startsAt && Number.isNaN(startsAt.getTime())) found.push({ field: 'date', message: 'Enter a real date' });
    setErrors(found);
    if (found.length || !startsAt) return;
    setBusy(true);
    try {
      const created = await api.arrangeConference({
        type: form.type as ConferenceType,
        startsAt: startsAt.toISOString(),
        attendanceMode: form.attendanceMode as AttendanceMode,
        place: form.attendanceMode === 'VIDEO' ? null : form.place.trim(),
        chairId: form.chairId,
        childIds: form.childIds,
        viewsDue: form.viewsDue || null,
      });
      navigate(`/staff/conferences/${created.id}`);
    } catch (err) {
      setErrors(errorsFrom(err, 'type', { startsAt: 'date' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading>Arrange a conference</Heading>
      <ErrorSummary errors={errors} />
      <Choices id="childIds" legend="Which children is it about?" multiple selected={form.childIds} onChange={set('childIds')}
        error={fieldError(errors, 'childIds')} hint={children.length ? 'Brothers and sisters can share one conference' : 'Add a child first'}
        options={children.map((c) => ({ value: c.id, label: `${c.knownAs} (${c.caseReference})` }))} />
      <Choices id="type" legend="Type of conference" selected={form.type ? [form.type] : []} onChange={([v]) => set('type')(v as ConferenceType)}
        error={fieldError(errors, 'type')}
        options={[{ value: 'INITIAL', label: 'Initial conference' }, { value: 'REVIEW', label: 'Review conference' }]} />
      <div class="field-pair">
        <TextInput id="date" label="Date" type="date" value={form.date} error={fieldError(errors, 'date')} onInput={set('date')} />
        <TextInput id="time" label="Time" type="time" value={form.time} error={fieldError(errors, 'time')} onInput={set('time')} />
      </div>
      <Choices id="attendanceMode" legend="How will people meet?" selected={form.attendanceMode ? [form.attendanceMode] : []}
        onChange={([v]) => set('attendanceMode')(v as AttendanceMode)} error={fieldError(errors, 'attendanceMode')}
        options={[{ value: 'IN_PERSON', label: 'In person' }, { value: 'VIDEO', label: 'By video' }, { value: 'HYBRID', label: 'Both: in person and by video' }]} />
      {form.attendanceMode !== 'VIDEO' && (
        <TextInput id="place" label="Where" value={form.place} error={fieldError(errors, 'place')} onInput={set('place')} />
      )}
      <Select id="chairId" label="Chair" value={form.chairId} onChange={set('chairId')} error={fieldError(errors, 'chairId')}
        options={[{ value: '', label: 'Choose the chair' }, ...chairs.map((c) => ({ value: c.id, label: c.displayName }))]} />
      <TextInput id="viewsDue" label="Views due by (optional)" type="date"
        hint="If you leave this empty: 2 working days before an initial conference, 7 before a review"
        value={form.viewsDue} error={fieldError(errors, 'viewsDue')} onInput={set('viewsDue')} />
      <button type="submit" class="button" disabled={busy}>Arrange the conference</button>
    </form>
  );
}
