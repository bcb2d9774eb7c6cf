import { useState } from 'preact/hooks';
import { api, attachmentsPath } from '../../api/client';
import type { Me, PackExport } from '../../api/types';
import { formatDate } from '../../i18n';
import { ViewsSummaryList } from '../../screens/Views';
import { BackLink, Heading, LoadState, errorsFrom, useLoad } from '../common';
import { conferenceTitle } from '../status';
import { authorLine, readBackLine } from './authorship';

type PackChild = PackExport['children'][number];

/**
 * The conference pack on screen: every child of the family side by side, in their own words, with the parts not to
 * share with parents marked. Opening it is audited, as is every read. The chair marks each child's views read here.
 */
export function Pack({ id, me }: { id: string; me: Me }) {
  const { data: pack, failed, reload } = useLoad(() => api.pack(id), [id]);
  if (!pack || failed) return <LoadState failed={failed} loaded={!!pack} what="The conference pack" reload={reload} />;
  const base = `/api/conferences/${encodeURIComponent(id)}/summary`;
  return (
    <>
      <BackLink href={`/staff/conferences/${id}`}>Back to the conference</BackLink>
      <Heading caption="Conference pack">{conferenceTitle(pack)}</Heading>
      <p>Each child's views exactly as they sent them. Parts marked <span class="sharing sharing-no">Not for parents or carers</span> must not be shared with them.</p>
      <div class="button-group">
        <a class="button button-secondary" href={`${base}?format=html`} target="_blank" rel="noopener">Open the printable pack<span class="visually-hidden"> (opens in a new tab)</span></a>
        <a class="button button-secondary" href={`${base}?format=pdf`} download>Download the pack as a PDF</a>
      </div>
      <div class={`pack-children${pack.children.length > 1 ? ' pack-side-by-side' : ''}`}>
        {pack.children.map((child) => (
          <ChildViews key={child.childId} conferenceId={id} child={child} canAcknowledge={me.role === 'CHAIR'} onRead={reload} />
        ))}
      </div>
    </>
  );
}

function ChildViews({ conferenceId, child, canAcknowledge, onRead }: { conferenceId: string; child: PackChild; canAcknowledge: boolean; onRead: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = child.latest;
  const readThis = latest && child.chairRead && child.chairRead.version === latest.version;

  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.markRead(conferenceId, child.childId);
      onRead();
    } catch (err) {
      setError(errorsFrom(err, 'read')[0].message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="pack-child" aria-labelledby={`pack-${child.childId}`}>
      <h2 id={`pack-${child.childId}`} class="heading-m">{child.knownAs}</h2>
      <p class="caption">Case reference {child.caseReference}</p>
      {!latest && <p>{child.knownAs} has not sent views yet.</p>}
      {latest && (
        <>
          <div class={`pack-authorship${latest.content.authorship.kind === 'ADVOCATE_ON_BEHALF' ? ' pack-authorship-advocate' : ''}`}>
            <p><strong>Who wrote this:</strong> <span dir="auto">{authorLine(child.knownAs, latest.content)}</span></p>
            {readBackLine(child.knownAs, latest.content) && <p dir="auto">{readBackLine(child.knownAs, latest.content)}</p>}
          </div>
          <p>Sent {formatDate(latest.sentAt, true)}{latest.version > 1 ? `, version ${latest.version}` : ''}.</p>
          <ViewsSummaryList content={latest.content} forStaff authorshipAbove
            attachments={attachmentsPath(conferenceId, child.childId)} />
          <SafetyTrend child={child} />
          {readThis ? (
            <p class="notice notice-success">You marked this read on {formatDate(child.chairRead!.readAt, true)}. {child.knownAs} can see that you have.</p>
          ) : canAcknowledge && (
            <>
              {error && <p class="error-message" role="alert">{error}</p>}
              <button type="button" class="button" disabled={busy} onClick={acknowledge}>
                I have read this<span class="visually-hidden">: {child.knownAs}'s views</span>
              </button>
              <p class="hint">{child.knownAs} will see that you have read their views.</p>
            </>
          )}
        </>
      )}
    </section>
  );
}

/**
 * How safe the child has felt at each conference the reader may see, oldest first, as the printed pack shows it: a
 * list in words (each bar is only a picture of the number beside it). Not for parents unless every answer was.
 */
function SafetyTrend({ child }: { child: PackChild }) {
  const trend = child.safetyTrend ?? [];
  if (trend.length < 2) return null;
  const shared = trend.every((p) => p.parentsMaySee);
  const id = `trend-${child.childId}`;
  return (
    <section class="pack-trend" aria-labelledby={id}>
      <h3 id={id} class="heading-s">How safe {child.knownAs} has felt at each conference</h3>
      <p><span class={`sharing ${shared ? 'sharing-yes' : 'sharing-no'}`}>{shared ? 'Parents and carers may see this' : 'Not for parents or carers'}</span></p>
      <ol class="trend-list">
        {trend.map((p) => (
          <li key={p.conferenceId} class={p.thisConference ? 'trend-current' : undefined}>
            <span class="trend-date">{formatDate(p.startsAt)}</span>{' '}
            <span class="trend-track" aria-hidden="true"><span class="trend-bar" style={{ width: `${p.score * 10}%` }} /></span>{' '}
            <span class="trend-score">{p.score} out of 10{p.thisConference ? ' (this conference)' : ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
