import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AuditAction, AuditEntry, AuditFilters, StaffMember } from '../../api/types';
import { ErrorSummary, Select, TextInput, fieldError } from '../../components/Form';
import { Heading, errorsFrom } from '../common';
import { ACTIONS, checkFilters, cleanFilters, describe, roleLabel, when, who } from './audit';
import type { FieldError } from './figures';

const EMPTY = { childReference: '', personId: '', from: '', to: '', action: '' as AuditAction | '' };

/** Who did what to which child's record, and when: children by case reference only, never by name. */
export function AuditTrail() {
  const [people, setPeople] = useState<StaffMember[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [shown, setShown] = useState<{ filters: AuditFilters; events: AuditEntry[]; nextBefore: number | null } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const firstNew = useRef<number | null>(null);

  useEffect(() => {
    api.staffDirectory().then((list) => setPeople([...list].sort((a, b) => a.displayName.localeCompare(b.displayName))),
      () => undefined);
    void search({});
  }, []);

  useEffect(() => {
    if (firstNew.current !== null) {
      document.getElementById(`event-${firstNew.current}`)?.focus();
      firstNew.current = null;
    }
  }, [shown]);

  const search = async (filters: AuditFilters, older = false) => {
    setBusy(true);
    try {
      const page = await api.auditSearch(filters, older ? shown?.nextBefore : null);
      if (older && shown) {
        firstNew.current = page.events[0]?.id ?? null;
        setShown({ filters, events: [...shown.events, ...page.events], nextBefore: page.nextBefore });
      } else {
        setShown({ filters, events: page.events, nextBefore: page.nextBefore });
      }
      setErrors([]);
    } catch (err) {
      setErrors(errorsFrom(err, 'childReference'));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkFilters(form);
    setErrors(found);
    if (!found.length) void search(cleanFilters(form));
  };

  const set = <K extends keyof typeof EMPTY>(field: K) => (value: string) => setForm({ ...form, [field]: value });

  return (
    <>
      <Heading>Audit trail</Heading>
      <p class="lead">Who did what to which child's record, and when. Children are shown by their case reference only.</p>
      <form class="audit-search no-print" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <h2 class="heading-m">Search</h2>
        <div class="field-pair">
          <TextInput id="childReference" label="Child's case reference" hint="Exactly as on the case, capitals or not"
            value={form.childReference} error={fieldError(errors, 'childReference')} onInput={set('childReference')} />
          <Select id="personId" label="Person" hint="Who did it" value={form.personId} error={fieldError(errors, 'personId')}
            onChange={set('personId')}
            options={[{ value: '', label: 'Anyone' }, ...people.map((p) => ({ value: p.id, label: `${p.displayName} (${roleLabel(p.role)})` }))]} />
        </div>
        <div class="field-pair">
          <TextInput id="from" label="From" type="date" value={form.from} error={fieldError(errors, 'from')} onInput={set('from')} />
          <TextInput id="to" label="To" type="date" value={form.to} error={fieldError(errors, 'to')} onInput={set('to')} />
        </div>
        <Select id="action" label="What happened" value={form.action} error={fieldError(errors, 'action')} onChange={set('action')}
          options={[{ value: '', label: 'Anything' }, ...(Object.keys(ACTIONS) as AuditAction[]).map((a) => ({ value: a, label: ACTIONS[a] }))]} />
        <div class="button-group">
          <button type="submit" class="button" disabled={busy}>Search</button>
          <button type="button" class="link-button" onClick={() => { setForm(EMPTY); setErrors([]); void search({}); }}>
            Clear the search
          </button>
        </div>
      </form>

      <h2 class="heading-m">Events</h2>
      {!shown && <p role="status">Loading…</p>}
      {shown && (
        <>
          <p role="status">
            {shown.events.length === 0 ? `No events${describe(shown.filters, people)}.`
              : `${shown.events.length} ${shown.events.length === 1 ? 'event' : 'events'}${describe(shown.filters, people)}, newest first${shown.nextBefore ? '. There are older ones.' : '.'}`}
          </p>
          {shown.events.length > 0 && (
            <p>
              <a class="button button-secondary" href={api.auditCsvHref(shown.filters)} download>
                Download as CSV<span class="visually-hidden">: every event that matches this search</span>
              </a>
              <br />
              <span class="hint">Every event that matches this search, up to 100,000, for a spreadsheet.</span>
            </p>
          )}
          {shown.events.length > 0 && (
            <table class="table audit-table">
              <caption class="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Child</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {shown.events.map((e) => (
                  <tr key={e.id} id={`event-${e.id}`} tabIndex={-1}>
                    <td data-label="When">{when(e.at)}</td>
                    <td data-label="Who">{who(e)}{e.actorName && <span class="caption"> ({roleLabel(e.actorRole)})</span>}</td>
                    <td data-label="What">{ACTIONS[e.action] ?? e.action}</td>
                    <td data-label="Child" class="break">{e.childReference ?? '–'}</td>
                    <td data-label="Details" class="break">
                      {[e.detail, e.conferenceId ? `conference ${e.conferenceId}` : null].filter(Boolean).join('; ') || '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {shown.nextBefore && (
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => void search(shown.filters, true)}>
              Older events
            </button>
          )}
        </>
      )}
    </>
  );
}
