import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { ChildStatus, Me, StaffConference } from '../api/types';
import { Notice } from '../components/Form';
import { formatDate } from '../i18n';
import { BackLink, Heading, Link, LoadState, errorsFrom, useLoad } from './common';
import { AttentionTags, ChildStatusList, conferenceTitle } from './status';

const MODE = { IN_PERSON: 'In person', VIDEO: 'By video', HYBRID: 'In person and by video' };

/** One conference: each child's status, and what the reader's role can do next. */
export function ConferencePage({ id, me }: { id: string; me: Me }) {
  const { data: c, failed, reload } = useLoad(() => api.conference(id), [id]);
  if (!c || failed) return <LoadState failed={failed} loaded={!!c} what="The conference" reload={reload} />;
  const started = new Date(c.startsAt).getTime() <= Date.now();

  return (
    <>
      <BackLink href="/staff" />
      <Heading caption={c.status === 'CANCELLED' ? 'Cancelled' : c.status === 'HELD' ? 'Held' : 'Coming up'}>{conferenceTitle(c)}</Heading>
      <dl class="facts">
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
      {me.role === 'CHAIR' && !started && c.status === 'SCHEDULED' && (
        <p class="hint">You can record the decision once the conference has started.</p>
      )}
      {c.children.map((s) => (
        <ChildCard key={s.childId} conference={c} status={s} me={me} onChanged={reload} />
      ))}
    </>
  );
}

function ChildCard({ conference: c, status: s, me, onChanged }: { conference: StaffConference; status: ChildStatus; me: Me; onChanged: () => void }) {
  // Kept here, not in PinReset: once the reset reloads the status, the device is no longer locked and PinReset goes.
  const [pinResetMessage, setPinResetMessage] = useState<string | null>(null);
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
      {pinResetMessage && <Notice kind="success">{pinResetMessage}</Notice>}
      {me.role === 'SOCIAL_WORKER' && s.deviceLocked && !pinResetMessage && (
        <PinReset status={s} onDone={(message) => { setPinResetMessage(message); onChanged(); }} />
      )}
      {me.role === 'ADVOCATE' && c.status === 'SCHEDULED' && (
        <Link href={`/staff/conferences/${c.id}/children/${s.childId}/views`} class="button">Give views with or for {s.knownAs}</Link>
      )}
    </section>
  );
}

function PinReset({ status: s, onDone }: { status: ChildStatus; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reset = async () => {
    try {
      await api.resetPin(s.childId);
      onDone(`${s.knownAs} can now choose a new PIN on the same device: be with them when they do. If they lost the device, invite them again.`);
    } catch (err) {
      setError(errorsFrom(err, 'reset')[0].message);
    }
  };
  return (
    <div class="pin-reset">
      {error && <p class="error-message" role="alert">{error}</p>}
      {!confirming ? (
        <button type="button" class="button button-warning" onClick={() => setConfirming(true)}>Reset {s.knownAs}'s PIN</button>
      ) : (
        <div class="notice notice-warning">
          <p>Only do this after talking with {s.knownAs}: make sure it was them who forgot the PIN, not someone else trying to get in.</p>
          <div class="button-group">
            <button type="button" class="button button-warning" onClick={reset}>Yes, reset the PIN</button>
            <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      )}
    </div>
  );
}
