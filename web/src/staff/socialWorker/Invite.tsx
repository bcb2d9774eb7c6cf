import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChildStatus, InvitationCreated, StaffConference } from '../../api/types';
import { formatDate } from '../../i18n';
import { fillWith, useTranslator } from '../../i18n/useTranslator';
import { englishName } from '../status';
import { BackLink, Heading, Link, LoadState, QrCodeImage, errorsFrom, useLoad } from '../common';

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
          <p>{status.knownAs} was invited before. A new invitation stops the earlier link and code from working.</p>
          <p>Devices {status.knownAs} already set up keep working, each with its own PIN, until you remove them. If a device is lost, or someone else may be using it, <Link href={`/staff/children/${childId}/devices`}>remove it from {status.knownAs}'s devices</Link> first.</p>
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
  const tr = useTranslator(s.preferredLanguage);
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
        <p>In {englishName(s.preferredLanguage)}, the language {s.knownAs} reads MySay in.</p>
      </div>
      {tr && (
        <article class="letter" aria-label={`Letter for ${s.knownAs}`} lang={tr.lang} dir={tr.dir}>
          <h2 class="heading-m">{tr.t('letter.hello', { name: s.knownAs })}</h2>
          <p>{fillWith(tr.t('letter.meeting'), { date: <strong>{tr.formatDate(c.startsAt, true)}</strong> })}</p>
          <p><strong>{tr.t('letter.matters')}</strong> {tr.t('letter.how')}</p>
          <h3 class="heading-s">{tr.t('letter.startTitle')}</h3>
          <div class="letter-start">
            <QrCodeImage qrCode={inv.qrCode} label={tr.t('letter.qr')} />
            <ol>
              {/* The address and the code read left to right in every language. */}
              <li>{fillWith(tr.t('letter.scan'), { address: <strong class="break" dir="ltr">{address}</strong> })}</li>
              <li>{fillWith(tr.t('letter.code'), { code: <strong class="code" dir="ltr">{inv.code}</strong> })}</li>
              <li>{tr.t('letter.pin')}</li>
            </ol>
          </div>
          <p>{fillWith(tr.t('letter.due'), { date: <strong>{tr.formatDate(c.viewsDue)}</strong> })}</p>
          <h3 class="heading-s">{tr.t('letter.nextTitle')}</h3>
          <p>{tr.t('letter.next')}</p>
          <p>{c.socialWorker
            ? fillWith(tr.t('letter.helpAsk'), { name: <bdi>{c.socialWorker.displayName}</bdi> })
            : tr.t('letter.helpAskNoName')}</p>
          <p>{tr.t('letter.keep', { date: tr.formatDate(inv.expiresAt) })}</p>
          <p class="letter-help">{tr.t('letter.danger')}</p>
        </article>
      )}
    </>
  );
}
