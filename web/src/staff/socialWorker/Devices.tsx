import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChildDevice } from '../../api/types';
import { Notice } from '../../components/Form';
import { formatDate } from '../../i18n';
import { BackLink, Heading, LoadState, errorsFrom, useLoad } from '../common';

type Action = 'reset' | 'remove';

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

/**
 * The devices a child opened an invitation on, for their social worker: each by a name MySay gives it ("Device 1")
 * and the kind its browser said it was, never anything that identifies it. The PIN of one device is reset, or a lost
 * one removed, without touching the others.
 */
export function Devices({ childId }: { childId: string }) {
  const { data, failed, reload } = useLoad(() => api.childDevices(childId), [childId]);
  const [pending, setPending] = useState<{ device: ChildDevice; action: Action } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!data || failed) return <LoadState failed={failed} loaded={!!data} what={"The child's devices"} reload={reload} />;
  const { knownAs } = data;

  if (pending) {
    return (
      <Confirm childId={childId} knownAs={knownAs} device={pending.device} action={pending.action}
        onDone={(message) => { setPending(null); setDone(message); reload(); focusHeading(); }}
        onCancel={() => { setPending(null); focusHeading(); }} />
    );
  }
  const start = (device: ChildDevice, action: Action) => {
    setDone(null);
    setPending({ device, action });
    focusHeading();
  };

  const inUse = data.devices.filter((d) => d.state !== 'REMOVED');
  const removed = data.devices.filter((d) => d.state === 'REMOVED');
  return (
    <>
      <BackLink href="/staff">Back to children and families</BackLink>
      <Heading>{knownAs}'s devices</Heading>
      {done && <Notice kind="success">{done}</Notice>}
      <p>The phones, tablets and computers where {knownAs} opened an invitation, named in the order they were set up. Each has its own PIN: resetting one does not touch the others.</p>
      <p>If a device is lost, or someone else may be using it, remove it. A new invitation does not remove the devices already set up.</p>
      {inUse.length === 0 && <p><strong>{knownAs} has no device set up{removed.length ? ' now' : ' yet'}.</strong></p>}
      {inUse.map((d) => (
        <section key={d.id} class={`card${d.state === 'LOCKED' ? ' card-urgent' : ''}`} aria-labelledby={`device-${d.id}`}>
          <h2 id={`device-${d.id}`} class="heading-m">{d.name}</h2>
          <dl class="facts">
            <div><dt>Kind</dt><dd>{d.kind ?? 'Not known'}</dd></div>
            <div><dt>Set up</dt><dd>{formatDate(d.setUpAt, true)}</dd></div>
            <div><dt>Last signed in</dt><dd>{d.lastSignedInAt ? formatDate(d.lastSignedInAt, true) : 'Not yet'}</dd></div>
            <div><dt>Now</dt><dd>{stateText(d, knownAs)}</dd></div>
          </dl>
          <div class="button-group">
            <button type="button" class={`button${d.state === 'LOCKED' ? ' button-warning' : ' button-secondary'}`} onClick={() => start(d, 'reset')}>
              Reset the PIN<span class="visually-hidden"> of {d.name}</span>
            </button>
            <button type="button" class="button button-secondary" onClick={() => start(d, 'remove')}>
              Remove<span class="visually-hidden"> {d.name}</span>
            </button>
          </div>
        </section>
      ))}
      {removed.length > 0 && (
        <>
          <h2 class="heading-m">Removed</h2>
          <ul>
            {removed.map((d) => (
              <li key={d.id}>
                {d.name}{d.kind ? ` (${d.kind})` : ''}: removed{d.removedAt ? ` on ${formatDate(d.removedAt, true)}` : ''}. It no longer opens MySay.
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function stateText(d: ChildDevice, knownAs: string): preact.JSX.Element | string {
  switch (d.state) {
    case 'PIN_SET':
      return 'In use, with its own PIN';
    case 'PIN_NOT_SET':
      return d.newPinUntil ? `Waiting for ${knownAs} to choose a PIN, until ${formatDate(d.newPinUntil, true)}` : `Waiting for ${knownAs} to choose a PIN`;
    case 'LOCKED':
      return <strong>Locked after too many wrong PINs</strong>;
    case 'SET_UP_EXPIRED':
      return 'No PIN was chosen in time: reset the PIN to let them choose one';
    default:
      return 'Removed';
  }
}

function Confirm({ childId, knownAs, device: d, action, onDone, onCancel }: {
  childId: string; knownAs: string; device: ChildDevice; action: Action; onDone: (message: string) => void; onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'reset') {
        const reset = await api.resetDevicePin(childId, d.id);
        const until = reset.newPinUntil ? `, until ${formatDate(reset.newPinUntil, true)}` : '';
        onDone(`${knownAs} can now choose a new PIN on ${d.name}${until}. Be with them when they do. Their other devices keep their own PINs.`);
      } else {
        await api.removeDevice(childId, d.id);
        onDone(`${d.name} is removed. It no longer opens MySay.`);
      }
    } catch (err) {
      setError(errorsFrom(err, 'confirm')[0].message);
      setBusy(false);
    }
  };
  const kind = d.kind ? ` (${d.kind})` : '';
  return (
    <>
      <Heading caption={`${knownAs}'s devices`}>{action === 'reset' ? `Reset the PIN of ${d.name}?` : `Remove ${d.name}?`}</Heading>
      {error && <p class="error-message" role="alert">{error}</p>}
      {action === 'reset' ? (
        <>
          <p>Only do this with {knownAs} beside you, after making sure it was them who forgot the PIN on {d.name}{kind}, not someone else trying to get in.</p>
          <p>Anyone signed in on {d.name} is signed out, and {knownAs} chooses a new PIN on it. Drafts kept only on {d.name} can no longer be opened; what {knownAs} sent or saved to MySay is kept. Their other devices keep their own PINs.</p>
        </>
      ) : (
        <>
          <p>Do this if {d.name}{kind} is lost, or if someone else may be using it.</p>
          <p>It stops working at once: anyone signed in on it is signed out, no PIN opens MySay on it again, and drafts kept only on it can no longer be opened. What {knownAs} sent or saved to MySay is kept.</p>
          <p>To use MySay on it again, {knownAs} needs a new invitation.</p>
        </>
      )}
      <div class="button-group">
        <button type="button" class="button button-warning" disabled={busy} onClick={confirm}>
          {action === 'reset' ? 'Yes, reset the PIN' : `Yes, remove ${d.name}`}
        </button>
        <button type="button" class="link-button" onClick={onCancel}>Cancel</button>
      </div>
    </>
  );
}
