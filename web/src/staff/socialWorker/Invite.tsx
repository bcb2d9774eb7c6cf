import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChildStatus, InvitationCreated, StaffConference } from '../../api/types';
import { formatDate } from '../../i18n';
import { BackLink, Heading, LoadState, QrCodeImage, errorsFrom, useLoad } from '../common';

/**
 * Invite a child: a link, its QR code and a one-page letter in plain words. The code is shown once, here: the
 * service keeps only its digest, so inviting again makes a new code and the earlier one stops working.
 */
export function Invite({ conferenceId, childId }: { conferenceId: string; childId: string }) {
  const { data: conference, failed, reload } = useLoad(() => api.conference(conferenceId), [conferenceId]);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const status = conference?.children.find((c) => c.childId === childId);
  if (!conference || failed || !status) {
    return <LoadState failed={failed ?? (conference && !status ? notFound() : null)} loaded={!!conference} what="The invitation" reload={reload} />;
  }

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.invite(conferenceId, childId));
    } catch (err) {
      setError(errorsFrom(err, 'invite')[0].message);
    } finally {
      setBusy(false);
    }
  };

  if (created) return <Invitation conference={conference} status={status} invitation={created} />;
  return (
    <>
      <BackLink href={`/staff/conferences/${conferenceId}`}>Back to the conference</BackLink>
      <Heading caption={status.knownAs}>Invite {status.knownAs} to give their views</Heading>
      <p>You will get a link, a QR code and a letter to print. Give them to {status.knownAs} yourself, or to someone they trust. Do not send them where a parent or carer could see them first.</p>
      {status.invitation && (
        <div class="notice notice-warning">
          <p>{status.knownAs} was invited before. A new invitation stops the earlier link and code from working. Devices already set up keep working.</p>
        </div>
      )}
      {error && <p class="error-message" role="alert">{error}</p>}
      <button type="button" class="button" disabled={busy} onClick={create}>
        {status.invitation ? 'Make a new invitation' : 'Make the invitation'}
      </button>
    </>
  );
}

function notFound() {
  return { status: 404 } as never;
}

function Invitation({ conference: c, status: s, invitation: inv }: { conference: StaffConference; status: ChildStatus; invitation: InvitationCreated }) {
  const [copied, setCopied] = useState(false);
  const address = inv.link.split('#')[0];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(inv.link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <div class="no-print">
        <BackLink href={`/staff/conferences/${c.id}`}>Back to the conference</BackLink>
        <Heading caption={s.knownAs}>Invitation ready</Heading>
        <p>This code is shown only now. If it is lost, make a new invitation. It works until {formatDate(inv.expiresAt, true)}, on one device.</p>
        <dl class="facts">
          <div><dt>Link</dt><dd class="break">{inv.link}</dd></div>
          <div><dt>Code</dt><dd class="code">{inv.code}</dd></div>
        </dl>
        <div class="button-group">
          <button type="button" class="button" onClick={() => window.print()}>Print the letter</button>
          <button type="button" class="button button-secondary" onClick={copy}>Copy the link</button>
        </div>
        <p role="status" class="hint">{copied ? 'The link is copied.' : ''}</p>
        <h2 class="heading-m">The letter</h2>
      </div>
      <article class="letter" aria-label={`Letter for ${s.knownAs}`}>
        <h2 class="heading-m">Hello {s.knownAs}</h2>
        <p>There is a meeting about you and your family on <strong>{formatDate(c.startsAt, true)}</strong>. It is called a Child Protection Conference. The people there want to make sure you are safe and well.</p>
        <p><strong>What you think matters.</strong> You can tell them on a phone, tablet or computer, using MySay. You can say what is going well, what worries you and what you would like to happen. You can also say if you want to come to the meeting, and how.</p>
        <h3 class="heading-s">How to start</h3>
        <div class="letter-start">
          <QrCodeImage qrCode={inv.qrCode} label="QR code that opens your invitation" />
          <ol>
            <li>Scan the square with your phone's camera, or go to <strong class="break">{address}</strong></li>
            <li>If it asks for a code, type: <strong class="code">{inv.code}</strong></li>
            <li>Choose a PIN that only you know.</li>
          </ol>
        </div>
        <p>Please tell us your views by <strong>{formatDate(c.viewsDue)}</strong>. You can stop and come back. Nothing is sent until you say so.</p>
        <h3 class="heading-s">What happens next</h3>
        <p>The chair of the meeting reads what you say before the meeting, and you can see when they have. After the meeting, the chair will tell you what was decided, in MySay.</p>
        <p>If you want help, ask {c.socialWorker?.displayName ?? 'your social worker'}, your social worker. You can also ask for an advocate: someone who helps children have their say.</p>
        <p>Keep this letter somewhere private. The code works until {formatDate(inv.expiresAt)}.</p>
        <p class="letter-help">If you are in danger now, call 999. To talk to someone about anything, call Childline free on 0800 1111.</p>
      </article>
    </>
  );
}
