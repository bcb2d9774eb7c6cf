import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AccountSummary, Me } from '../../api/types';
import { Notice } from '../../components/Form';
import { Heading, LoadState, useLoad } from '../common';
import { roleLabel } from './audit';

type Pending = { account: AccountSummary; action: 'disable' | 'enable' | 'reset' };

const CONFIRM: Record<Pending['action'], (a: AccountSummary) => { question: string; explain: string; button: string; done: string }> = {
  disable: (a) => ({
    question: `Disable ${a.displayName}'s account?`,
    explain: 'They are signed out at once, everywhere, and cannot sign in until the account is enabled again. Nothing they did is lost.',
    button: 'Disable the account',
    done: `${a.displayName}'s account is disabled.`,
  }),
  enable: (a) => ({
    question: `Enable ${a.displayName}'s account again?`,
    explain: 'They can sign in again with their password and, if they have one, their authenticator app.',
    button: 'Enable the account',
    done: `${a.displayName}'s account is enabled.`,
  }),
  reset: (a) => ({
    question: `Reset ${a.displayName}'s two-step sign-in?`,
    explain: 'Only do this if you are sure it is them asking, for example in person or on a call you made. They are signed out everywhere and set up an authenticator app again when they next sign in.',
    button: 'Reset two-step sign-in',
    done: `${a.displayName}'s two-step sign-in is reset.`,
  }),
};

/** Staff accounts for a manager: who can sign in, and who has two-step sign-in. */
export function StaffAccounts({ me }: { me: Me }) {
  const accounts = useLoad(() => api.staffAccounts(), []);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const { account, action } = pending;
      if (action === 'reset') await api.resetSecondFactor(account.id);
      else await api.setAccountEnabled(account.id, action === 'enable');
      setDone(CONFIRM[action](account).done);
      setPending(null);
      setFailed(null);
      accounts.reload();
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    } catch (err) {
      setFailed(err instanceof Error ? err.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  if (pending) {
    const words = CONFIRM[pending.action](pending.account);
    return (
      <>
        <Heading caption="Staff accounts">{words.question}</Heading>
        <p>{words.explain}</p>
        {failed && <Notice kind="warning">{failed}</Notice>}
        <div class="button-group">
          <button type="button" class={`button${pending.action === 'enable' ? '' : ' button-warning'}`} disabled={busy} onClick={confirm}>{words.button}</button>
          <button type="button" class="link-button" onClick={() => { setPending(null); setFailed(null); }}>Cancel</button>
        </div>
      </>
    );
  }

  return (
    <>
      <Heading>Staff accounts</Heading>
      {done && <Notice kind="success">{done}</Notice>}
      <LoadState failed={accounts.failed} loaded={!!accounts.data} what="the staff accounts" reload={accounts.reload} />
      {accounts.data && (
        <table class="table">
          <caption class="visually-hidden">Staff accounts, by name</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Can sign in</th><th scope="col">Two-step sign-in</th><th scope="col">Actions</th></tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={a.id}>
                <th scope="row"><span class="break">{a.displayName}</span><br /><span class="hint break">{a.email}</span></th>
                <td data-label="Role">{roleLabel(a.role)}</td>
                <td data-label="Can sign in">{a.enabled ? 'Yes' : <strong>No, disabled</strong>}</td>
                <td data-label="Two-step sign-in">{a.secondFactorSetUp ? 'Set up' : 'Not set up'}</td>
                <td class="table-actions">
                  <div class="button-group">
                    {a.id !== me.id && (
                      <button type="button" class="link-button" onClick={() => { setDone(null); setPending({ account: a, action: a.enabled ? 'disable' : 'enable' }); }}>
                        {a.enabled ? 'Disable' : 'Enable'}<span class="visually-hidden"> {a.displayName}</span>
                      </button>
                    )}
                    {a.secondFactorSetUp && (
                      <button type="button" class="link-button" onClick={() => { setDone(null); setPending({ account: a, action: 'reset' }); }}>
                        Reset two-step sign-in<span class="visually-hidden"> for {a.displayName}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
