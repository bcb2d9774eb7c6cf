import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AccountSummary, Me, NewStaffAccount } from '../../api/types';
import { Choices, ErrorSummary, Notice, TextInput, fieldError, type FieldError } from '../../components/Form';
import { Heading, LoadState, errorsFrom, useLoad } from '../common';
import { roleLabel } from './audit';

type Action = 'disable' | 'enable' | 'reset' | 'password';
type Pending = { account: AccountSummary; action: Action };

/** Resetting someone's sign-in needs the manager to confirm it is them; enabling and disabling do not. */
const NEEDS_CONFIRMATION: Action[] = ['reset', 'password'];

const CONFIRM: Record<Action, (a: AccountSummary) => { question: string; explain: string; button: string; done: string }> = {
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
    explain: 'Only do this if you are sure it is them asking, for example in person or on a call you made. They are signed out everywhere, their password and authenticator app stop working, and they are e-mailed a link to set a new password themselves; then they set up an authenticator app again. They are told by e-mail, and the council is alerted.',
    button: 'Reset two-step sign-in',
    done: `${a.displayName}'s two-step sign-in is reset. They have been e-mailed a link to set a new password.`,
  }),
  password: (a) => ({
    question: a.passwordSet ? `Reset ${a.displayName}'s password?` : `Send ${a.displayName} a new link?`,
    explain: a.passwordSet
      ? 'Only do this if you are sure it is them asking. They are signed out everywhere, their password stops working, and they are e-mailed a link to set a new one themselves. You never see or choose it. They are told by e-mail, and the council is alerted.'
      : 'Their first link may have run out or been lost. A new link is e-mailed to them; the one before stops working.',
    button: a.passwordSet ? 'Reset password' : 'Send a new link',
    done: `${a.displayName} has been e-mailed a link to set their password.`,
  }),
};

const ROLES: { value: NewStaffAccount['role']; label: string }[] = [
  { value: 'SOCIAL_WORKER', label: 'Social worker' },
  { value: 'CHAIR', label: 'Conference chair' },
  { value: 'ADVOCATE', label: 'Advocate' },
  { value: 'MANAGER', label: 'Manager' },
];

/** Staff accounts for a manager: who can sign in, who has two-step sign-in, and adding someone. */
export function StaffAccounts({ me }: { me: Me }) {
  const accounts = useLoad(() => api.staffAccounts(), []);
  const myFactor = useLoad(() => api.secondFactorStatus(), []);
  const [pending, setPending] = useState<Pending | null>(null);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const finished = (message: string) => {
    setDone(message);
    setPending(null);
    setAdding(false);
    accounts.reload();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };
  const back = () => {
    setPending(null);
    setAdding(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  if (adding) return <AddAccount onDone={finished} onCancel={back} />;
  if (pending) {
    return <ConfirmAction pending={pending} withCode={!!myFactor.data?.setUp} onDone={finished} onCancel={back} />;
  }

  const start = (account: AccountSummary, action: Action) => {
    setDone(null);
    setPending({ account, action });
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  return (
    <>
      <Heading>Staff accounts</Heading>
      {done && <Notice kind="success">{done}</Notice>}
      <p><button type="button" class="button" onClick={() => { setDone(null); setAdding(true); requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus()); }}>Add a staff account</button></p>
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
                <td data-label="Can sign in">{!a.enabled ? <strong>No, disabled</strong> : a.passwordSet ? 'Yes' : <strong>Not yet: waiting for them to set a password</strong>}</td>
                <td data-label="Two-step sign-in">{a.secondFactorSetUp ? 'Set up' : 'Not set up'}</td>
                <td class="table-actions">
                  <div class="button-group">
                    {a.id !== me.id && (
                      <button type="button" class="link-button" onClick={() => start(a, a.enabled ? 'disable' : 'enable')}>
                        {a.enabled ? 'Disable' : 'Enable'}<span class="visually-hidden"> {a.displayName}</span>
                      </button>
                    )}
                    {a.id !== me.id && a.enabled && (
                      <button type="button" class="link-button" onClick={() => start(a, 'password')}>
                        {a.passwordSet ? 'Reset password' : 'Send a new link'}<span class="visually-hidden"> for {a.displayName}</span>
                      </button>
                    )}
                    {a.id !== me.id && a.secondFactorSetUp && (
                      <button type="button" class="link-button" onClick={() => start(a, 'reset')}>
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

function ConfirmAction({ pending, withCode, onDone, onCancel }: {
  pending: Pending; withCode: boolean; onDone: (message: string) => void; onCancel: () => void;
}) {
  const { account, action } = pending;
  const words = CONFIRM[action](account);
  const confirming = NEEDS_CONFIRMATION.includes(action);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (confirming && !password) found.push({ field: 'my-password', message: 'Enter your own password' });
    if (confirming && withCode && !/^\d{6}$/.test(code.replace(/\s/g, ''))) found.push({ field: 'my-code', message: 'Enter the 6-digit code from your authenticator app' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const me = { password, code: withCode ? code.replace(/\s/g, '') : undefined };
      if (action === 'reset') await api.resetSecondFactor(account.id, me);
      else if (action === 'password') await api.resetPassword(account.id, me);
      else await api.setAccountEnabled(account.id, action === 'enable');
      onDone(words.done);
    } catch (err) {
      setErrors(errorsFrom(err, confirming ? 'my-password' : 'confirm', { password: 'my-password', code: 'my-code' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading caption="Staff accounts">{words.question}</Heading>
      <p>{words.explain}</p>
      <ErrorSummary errors={errors} />
      {!confirming && fieldError(errors, 'confirm') && <Notice kind="warning">{fieldError(errors, 'confirm')}</Notice>}
      {confirming && (
        <fieldset class="fieldset">
          <legend class="legend">Confirm it is you</legend>
          <TextInput id="my-password" label="Your own password" type="password" autoComplete="current-password" value={password}
            error={fieldError(errors, 'my-password')} onInput={setPassword} />
          {withCode && (
            <TextInput id="my-code" label="The 6-digit code from your authenticator app" inputMode="numeric" autoComplete="one-time-code"
              value={code} error={fieldError(errors, 'my-code')} onInput={setCode} />
          )}
        </fieldset>
      )}
      <div class="button-group">
        <button type="submit" class={`button${action === 'enable' ? '' : ' button-warning'}`} disabled={busy}>{words.button}</button>
        <button type="button" class="link-button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function AddAccount({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<NewStaffAccount['role'][]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!displayName.trim()) found.push({ field: 'display-name', message: "Enter the person's name" });
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.push({ field: 'email', message: 'Enter their work e-mail address, like name@council.gov.uk' });
    if (role.length === 0) found.push({ field: 'role', message: 'Choose a role' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.createStaffAccount({ displayName: displayName.trim(), email: email.trim(), role: role[0] });
      onDone(`${displayName.trim()}'s account is made. They have been e-mailed a link to set their own password; until they do, it shows as waiting.`);
    } catch (err) {
      setErrors(errorsFrom(err, 'email', { displayName: 'display-name' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading caption="Staff accounts">Add a staff account</Heading>
      <p>They are e-mailed a link to set their own password. Nobody else, you included, ever chooses or sees it.</p>
      <ErrorSummary errors={errors} />
      <TextInput id="display-name" label="Name" value={displayName} autoComplete="off" error={fieldError(errors, 'display-name')} onInput={setDisplayName} />
      <TextInput id="email" label="Work e-mail address" type="email" inputMode="email" autoComplete="off" value={email}
        error={fieldError(errors, 'email')} onInput={setEmail} />
      <Choices id="role" legend="Role" options={ROLES} selected={role} error={fieldError(errors, 'role')} onChange={setRole} />
      <div class="button-group">
        <button type="submit" class="button" disabled={busy}>Add the account</button>
        <button type="button" class="link-button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
