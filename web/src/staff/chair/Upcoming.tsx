import { api } from '../../api/client';
import type { StaffConference } from '../../api/types';
import { formatDate } from '../../i18n';
import { Heading, Link, LoadState, useLoad } from '../common';
import { AttentionTags, byUrgency, conferenceTitle } from '../status';

/** The chair's start: conferences coming up, urgent first, each child's status at a glance; then those awaiting a decision. */
export function Upcoming() {
  const { data, failed, reload } = useLoad(() => api.conferences(), []);
  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what="Your conferences" reload={reload} />;
  const now = Date.now();
  const scheduled = data.filter((c) => c.status === 'SCHEDULED');
  const upcoming = scheduled.filter((c) => new Date(c.startsAt).getTime() > now).sort(byUrgency);
  const awaitingDecision = scheduled.filter((c) => new Date(c.startsAt).getTime() <= now);
  const held = data.filter((c) => c.status === 'HELD').slice(-5).reverse(); // decided in the last 28 days, newest first

  return (
    <>
      <Heading>My conferences</Heading>
      {awaitingDecision.length > 0 && (
        <>
          <h2 class="heading-m">Waiting for the decision</h2>
          {awaitingDecision.map((c) => <ConferenceCard key={c.id} c={c} />)}
        </>
      )}
      <h2 class="heading-m">Coming up</h2>
      {upcoming.length === 0 && <p>No conferences are coming up.</p>}
      {upcoming.map((c) => <ConferenceCard key={c.id} c={c} />)}
      {held.length > 0 && (
        <>
          <h2 class="heading-m">Recently held</h2>
          {held.map((c) => <ConferenceCard key={c.id} c={c} />)}
        </>
      )}
    </>
  );
}

function ConferenceCard({ c }: { c: StaffConference }) {
  const arrived = c.children.filter((s) => s.sentVersion).length;
  return (
    <section class={`card${c.urgent ? ' card-urgent' : ''}`} aria-labelledby={`conference-${c.id}`}>
      <h3 id={`conference-${c.id}`} class="heading-s">
        <Link href={`/staff/conferences/${c.id}`}>{conferenceTitle(c)}</Link>
      </h3>
      <p class="caption">
        {c.status === 'SCHEDULED' ? `Views due ${formatDate(c.viewsDue)}. ` : ''}
        Views from {arrived} of {c.children.length} {c.children.length === 1 ? 'child' : 'children'}.
      </p>
      <ul class="child-rows">
        {c.children.map((s) => (
          <li key={s.childId}>
            <span class="child-name">{s.knownAs}</span>{' '}
            <span class="caption">
              {s.sentVersion
                ? s.chairReadVersion === s.sentVersion ? 'Views read' : 'Views arrived'
                : s.draftStarted ? 'Views started' : 'No views yet'}
              {s.wantsToAttend === true ? ', wants to come' : s.wantsToAttend === false ? ', not coming' : ''}
            </span>
            <AttentionTags status={s} />
          </li>
        ))}
      </ul>
      {c.status === 'SCHEDULED' && arrived > 0 && (
        <Link href={`/staff/conferences/${c.id}/pack`}>Read the pack<span class="visually-hidden"> for {conferenceTitle(c)}</span></Link>
      )}
    </section>
  );
}
