import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AgeBand, ChildDetails, StaffChild } from '../../api/types';
import { ErrorSummary, Select, TextArea, TextInput, fieldError, type FieldError } from '../../components/Form';
import { Heading, Link, LoadState, errorsFrom, useLoad } from '../common';

const NEW_FAMILY = 'new';

/** Add a child with only what the conference needs: a name they like, a reference, an age, a language, a family. */
export function AddChild() {
  const { data, failed, reload } = useLoad(() => Promise.all([api.families(), api.staffDirectory('ADVOCATE')]), []);
  const [form, setForm] = useState({
    knownAs: '', caseReference: '', dateOfBirth: '', ageBand: '', preferredLanguage: 'en', communicationNeeds: '',
    familyId: '', familyReference: '', advocateId: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<StaffChild | null>(null);

  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="The form" reload={reload} />;
  const [families, advocates] = data;
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  if (added) {
    return (
      <>
        <div class="panel" role="status">
          <h1 class="heading-l" tabIndex={-1}>{added.knownAs} is added</h1>
          <p class="panel-body">Case reference {added.caseReference}</p>
        </div>
        <div class="button-group">
          <Link href={`/staff/conferences/new?child=${added.id}`} class="button">Arrange a conference</Link>
          <button type="button" class="button button-secondary" onClick={() => {
            setAdded(null);
            setForm({ ...form, knownAs: '', caseReference: '', dateOfBirth: '', ageBand: '', communicationNeeds: '' });
          }}>Add another child</button>
        </div>
        <p><Link href="/staff">Back to my children and families</Link></p>
      </>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!form.knownAs.trim()) found.push({ field: 'knownAs', message: 'Enter the name the child likes to be called' });
    if (!form.caseReference.trim()) found.push({ field: 'caseReference', message: "Enter the council's case reference" });
    if (!form.dateOfBirth && !form.ageBand) found.push({ field: 'dateOfBirth', message: "Enter the child's date of birth, or choose an age band if it is not known" });
    if (form.familyId === NEW_FAMILY && !form.familyReference.trim()) found.push({ field: 'familyReference', message: "Enter the family's reference" });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      let familyId: string | null = form.familyId || null;
      if (familyId === NEW_FAMILY) {
        try {
          familyId = (await api.addFamily(form.familyReference.trim())).id;
        } catch (err) {
          setErrors(errorsFrom(err, 'familyReference', { reference: 'familyReference' }));
          return;
        }
        setForm((f) => ({ ...f, familyId: familyId!, familyReference: '' }));
        reload();
      }
      const details: ChildDetails = {
        knownAs: form.knownAs.trim(),
        caseReference: form.caseReference.trim(),
        dateOfBirth: form.dateOfBirth || null,
        ageBand: form.dateOfBirth ? null : (form.ageBand as AgeBand) || null,
        preferredLanguage: form.preferredLanguage,
        communicationNeeds: form.communicationNeeds.trim() || null,
        familyId,
        advocateId: form.advocateId || null,
      };
      setAdded(await api.addChild(details));
    } catch (err) {
      setErrors(errorsFrom(err, 'knownAs'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading>Add a child</Heading>
      <p>Only what the conference needs. The child will see the name you enter here.</p>
      <ErrorSummary errors={errors} />
      <TextInput id="knownAs" label="Name the child likes to be called" value={form.knownAs} error={fieldError(errors, 'knownAs')} onInput={set('knownAs')} />
      <TextInput id="caseReference" label="Case reference" hint="From the council's case records, for example CR-12345" value={form.caseReference}
        error={fieldError(errors, 'caseReference')} onInput={set('caseReference')} />
      <TextInput id="dateOfBirth" label="Date of birth" type="date" hint="If you do not know it, leave it empty and choose an age band"
        value={form.dateOfBirth} error={fieldError(errors, 'dateOfBirth')} onInput={set('dateOfBirth')} />
      {!form.dateOfBirth && (
        <Select id="ageBand" label="Age band (if the date of birth is not known)" value={form.ageBand} onChange={set('ageBand')}
          error={fieldError(errors, 'ageBand')}
          options={[{ value: '', label: 'Choose an age band' }, { value: 'AGE_5_TO_7', label: '5 to 7' }, { value: 'AGE_8_TO_11', label: '8 to 11' },
            { value: 'AGE_12_TO_15', label: '12 to 15' }, { value: 'AGE_16_TO_17', label: '16 to 17' }, { value: 'UNDER_5', label: 'Under 5' }]} />
      )}
      <Select id="preferredLanguage" label="Language the child prefers" value={form.preferredLanguage} onChange={set('preferredLanguage')}
        error={fieldError(errors, 'preferredLanguage')}
        options={[{ value: 'en', label: 'English' }, { value: 'cy', label: 'Welsh (Cymraeg)' }, { value: 'ar', label: 'Arabic (العربية)' }]} />
      <TextArea id="communicationNeeds" label="Communication needs (optional)" hint="For example: uses Makaton, needs an interpreter, reads better with pictures"
        value={form.communicationNeeds} maxLength={500} error={fieldError(errors, 'communicationNeeds')} onInput={set('communicationNeeds')} />
      <Select id="familyId" label="Family" value={form.familyId} onChange={set('familyId')} error={fieldError(errors, 'familyId')}
        options={[{ value: '', label: 'No family' }, ...families.map((f) => ({ value: f.id, label: f.reference })), { value: NEW_FAMILY, label: 'A new family…' }]} />
      {form.familyId === NEW_FAMILY && (
        <TextInput id="familyReference" label="New family's reference" value={form.familyReference}
          error={fieldError(errors, 'familyReference')} onInput={set('familyReference')} />
      )}
      <Select id="advocateId" label="Advocate (optional)" value={form.advocateId} onChange={set('advocateId')} error={fieldError(errors, 'advocateId')}
        options={[{ value: '', label: 'No advocate' }, ...advocates.map((a) => ({ value: a.id, label: a.displayName }))]} />
      <button type="submit" class="button" disabled={busy}>Add the child</button>
    </form>
  );
}
