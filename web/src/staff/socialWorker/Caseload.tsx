import { api } from '../../api/client';
import { formatDate } from '../../i18n';
import { Heading, Link, LoadState, useLoad } from '../common';
import { AttentionTags, byUrgency, conferenceTitle } from '../status';

const AGE: Record<string, string> = {
  UNDER_5: 'under 5', AGE_5_TO_7: '5 to 7', AGE_8_TO_11: '8 to 11', AGE_12_TO_15: '12 to 15', AGE_16_TO_17: '16 to 17',
};

export function ageLabel(band: string | null): string {
  return band ? AGE[band] ?? band : 'not known';
}

/** The social worker's start: conferences that need them first, then every child and family allocated to them. */
export function Caseload() {
  const { data, failed, reload } = useLoad(() => Promise.all([api.conferences(), api.children(), api.families()]), []);
  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="Your children and families" reload={reload} />;
  const [conferences, children, families] = data;
  const upcoming = conferences.filter((c) => c.status === 'SCHEDULED').sort(byUrgency);
  const familyRef = new Map(families.map((f) => [f.id, f.reference]));

  return (
    <>
      <Heading>My children and families</Heading>
      <div class="button-group">
        <Link href="/staff/children/new" class="button">Add a child</Link>
        <Link href="/staff/conferences/new" class="button button-secondary">Arrange a conference</Link>
      </div>

      <h2 class="heading-m">Coming conferences</h2>
      {upcoming.length === 0 && <p>No conferences are arranged.</p>}
      {upcoming.map((c) => (
        <section key={c.id} class={`card${c.urgent ? ' card-urgent' : ''}`} aria-labelledby={`conference-${c.id}`}>
          <h3 id={`conference-${c.id}`} class="heading-s">
            <Link href={`/staff/conferences/${c.id}`}>{conferenceTitle(c)}</Link>
          </h3>
          <p class="caption">Views due {formatDate(c.viewsDue)}. Chair: {c.chair?.displayName ?? 'not known'}.</p>
          <ul class="child-rows">
            {c.children.map((s) => (
              <li key={s.childId}>
                <span class="child-name">{s.knownAs}</span>{' '}
                <span class="caption">{s.sentVersion ? 'Views sent' : s.draftStarted ? 'Views started' : 'No views yet'}</span>
                <AttentionTags status={s} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2 class="heading-m">Children</h2>
      {children.length === 0 ? <p>No children are allocated to you yet.</p> : (
        <table class="table">
          <caption class="visually-hidden">Children allocated to you</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Case reference</th><th scope="col">Age</th><th scope="col">Family</th><th scope="col">Devices</th></tr>
          </thead>
          <tbody>
            {children.map((child) => (
              <tr key={child.id}>
                <th scope="row" data-label="Name">{child.knownAs}</th>
                <td data-label="Case reference">{child.caseReference}</td>
                <td data-label="Age">{ageLabel(child.ageBand)}</td>
                <td data-label="Family">{child.familyId ? familyRef.get(child.familyId) ?? '' : 'none'}</td>
                <td data-label="Devices"><Link href={`/staff/children/${child.id}/devices`}>{child.knownAs}'s devices</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
