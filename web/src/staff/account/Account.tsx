import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { SetUpDetails } from '../../api/types';
import { ErrorSummary, Notice, TextInput, fieldError, type FieldError } from '../../components/Form';
import { formatDate } from '../../i18n';
import { Heading, LoadState, errorsFrom, useLoad } from '../common';
import { AuthenticatorSetUp, RecoveryCodes, cleanCode } from './SecondFactor';

type Task = null | 'password' | 'set-up' | 'recovery-codes' | 'turn-off';

/** A staff member's own account: two-step sign-in and the password. */
export function Account() {
  const status = useLoad(() => api.secondFactorStatus(), []);
  const [task, setTask] = useState<Task>(null);
  const [done, setDone] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = (message: string, newCodes: string[] | null = null) => {
    setTask(null);
    setDone(message);
    setCodes(newCodes);
    status.reload();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  if (codes) {
    return (
      <>
        <Heading>Your new recovery codes</Heading>
        {done && <Notice kind="success">{done}</Notice>}
        <RecoveryCodes codes={codes} doneLabel="I have saved my codes" onDone={() => setCodes(null)} />
      </>
    );
  }

  const s = status.data;
  return (
    <>
      <Heading>Your account</Heading>
      {done && <Notice kind="success">{done}</Notice>}
      <LoadState failed={status.failed} loaded={!!s} what="your account" reload={status.reload} />
      {s && task === null && (
        <>
          <h2 class="heading-m">Two-step sign-in</h2>
          {s.setUp
            ? <p>You sign in with your password and a code from your authenticator app{s.setUpAt ? `, set up on ${formatDate(s.setUpAt)}` : ''}. You have <strong>{s.recoveryCodesLeft} of 10</strong> recovery codes left.</p>
            : <p>You sign in with your password only. Adding a code from an authenticator app on your phone keeps children's information safer if your password is ever guessed or stolen.</p>}
          <div class="button-group">
            <button type="button" class="button" onClick={() => { setDone(null); setTask('set-up'); }}>
              {s.setUp ? 'Use a different phone' : 'Set up two-step sign-in'}
            </button>
            {s.setUp && <button type="button" class="button button-secondary" onClick={() => { setDone(null); setTask('recovery-codes'); }}>Get new recovery codes</button>}
            {s.setUp && !s.required && <button type="button" class="button button-secondary" onClick={() => { setDone(null); setTask('turn-off'); }}>Turn off two-step sign-in</button>}
          </div>
          <h2 class="heading-m">Password</h2>
          <button type="button" class="button button-secondary" onClick={() => { setDone(null); setTask('password'); }}>Change your password</button>
        </>
      )}
      {task === 'password' && <ChangePassword onDone={() => finish('Your password is changed. You have been signed out everywhere else.')} onCancel={() => setTask(null)} />}
      {task === 'set-up' && <SetUpAgain onDone={(newCodes) => finish('Two-step sign-in is set up with this phone. You have been signed out everywhere else.', newCodes)} onCancel={() => setTask(null)} />}
      {task === 'recovery-codes' && <NewRecoveryCodes onDone={(newCodes) => finish('Your old recovery codes no longer work.', newCodes)} onCancel={() => setTask(null)} />}
      {task === 'turn-off' && <TurnOff onDone={() => finish('Two-step sign-in is turned off. You have been signed out everywhere else.')} onCancel={() => setTask(null)} />}
    </>
  );
}

/** One field and a button, with the error summary: the shape of every small form here. */
function SmallForm({ title, errors, busy, submitLabel, onSubmit, onCancel, children }: {
  title: string;
  errors: FieldError[];
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: preact.ComponentChildren;
}) {
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <h2 class="heading-m">{title}</h2>
      <ErrorSummary errors={errors} />
      {children}
      <div class="button-group">
        <button type="submit" class="button" disabled={busy}>{submitLabel}</button>
        <button type="button" class="link-button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function useSubmit<T>(check: () => FieldError[], send: () => Promise<T>, onDone: (result: T) => void, fallbackField: string, fields: Record<string, string> = {}) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const found = check();
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      onDone(await send());
    } catch (err) {
      setErrors(errorsFrom(err, fallbackField, fields));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, submit };
}

function ChangePassword({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const form = useSubmit(() => {
    const found: FieldError[] = [];
    if (!current) found.push({ field: 'current-password', message: 'Enter your current password' });
    if (next.length < 12) found.push({ field: 'new-password', message: 'Enter a new password of at least 12 characters' });
    else if (next !== again) found.push({ field: 'new-password-again', message: 'The two new passwords are not the same' });
    return found;
  }, () => api.changePassword(current, next), onDone, 'current-password',
  { currentPassword: 'current-password', newPassword: 'new-password' });
  return (
    <SmallForm title="Change your password" errors={form.errors} busy={form.busy} submitLabel="Change password" onSubmit={form.submit} onCancel={onCancel}>
      <TextInput id="current-password" label="Current password" type="password" autoComplete="current-password" value={current}
        error={fieldError(form.errors, 'current-password')} onInput={setCurrent} />
      <TextInput id="new-password" label="New password" hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
        type="password" autoComplete="new-password" value={next} error={fieldError(form.errors, 'new-password')} onInput={setNext} />
      <TextInput id="new-password-again" label="New password again" type="password" autoComplete="new-password" value={again}
        error={fieldError(form.errors, 'new-password-again')} onInput={setAgain} />
    </SmallForm>
  );
}

function SetUpAgain({ onDone, onCancel }: { onDone: (codes: string[]) => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [details, setDetails] = useState<SetUpDetails | null>(null);
  const form = useSubmit(() => (password ? [] : [{ field: 'set-up-password', message: 'Enter your password' }]),
    () => api.beginSetUp(password), setDetails, 'set-up-password', { password: 'set-up-password' });
  if (details) {
    return (
      <>
        <h2 class="heading-m">Set up your authenticator app</h2>
        <AuthenticatorSetUp details={details} confirm={async (code) => onDone((await api.confirmSetUp(code)).recoveryCodes)} />
        <p><button type="button" class="link-button" onClick={onCancel}>Cancel</button></p>
      </>
    );
  }
  return (
    <SmallForm title="Set up two-step sign-in" errors={form.errors} busy={form.busy} submitLabel="Continue" onSubmit={form.submit} onCancel={onCancel}>
      <p>To keep your account safe, enter your password first. If you already use an app, the new one replaces it.</p>
      <TextInput id="set-up-password" label="Password" type="password" autoComplete="current-password" value={password}
        error={fieldError(form.errors, 'set-up-password')} onInput={setPassword} />
    </SmallForm>
  );
}

function NewRecoveryCodes({ onDone, onCancel }: { onDone: (codes: string[]) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const form = useSubmit(() => (/^\d{6}$/.test(cleanCode(code)) ? [] : [{ field: 'renew-code', message: 'Enter the 6-digit code from your authenticator app' }]),
    () => api.renewRecoveryCodes(cleanCode(code)), onDone, 'renew-code', { code: 'renew-code' });
  return (
    <SmallForm title="Get new recovery codes" errors={form.errors} busy={form.busy} submitLabel="Get new codes" onSubmit={form.submit} onCancel={onCancel}>
      <p>Your old recovery codes will stop working.</p>
      <TextInput id="renew-code" label="6-digit code from your authenticator app" inputMode="numeric" autoComplete="one-time-code"
        value={code} error={fieldError(form.errors, 'renew-code')} onInput={setCode} />
    </SmallForm>
  );
}

function TurnOff({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const form = useSubmit(() => (password ? [] : [{ field: 'turn-off-password', message: 'Enter your password' }]),
    () => api.removeSecondFactor(password), onDone, 'turn-off-password', { password: 'turn-off-password' });
  return (
    <SmallForm title="Turn off two-step sign-in" errors={form.errors} busy={form.busy} submitLabel="Turn it off" onSubmit={form.submit} onCancel={onCancel}>
      <p>You will sign in with your password only.</p>
      <TextInput id="turn-off-password" label="Password" type="password" autoComplete="current-password" value={password}
        error={fieldError(form.errors, 'turn-off-password')} onInput={setPassword} />
    </SmallForm>
  );
}
