import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { ErrorSummary, Notice, TextInput, fieldError, type FieldError } from '../components/Form';
import { errorsFrom } from './common';
import { navigate } from './router';

/**
 * Setting your own password through the link e-mailed to you (a new account, or after a manager reset your sign-in).
 * The token is in the link's #fragment, which never reaches a server; it is taken out of the address bar at once, so
 * it stays in neither the history nor a bookmark.
 */
export function SetPassword() {
  // Taken out of the address bar while the page is first drawn, not after: nothing can read the address in between.
  const [token] = useState(() => {
    const fromLink = location.hash.replace(/^#/, '');
    if (location.hash) history.replaceState(null, '', location.pathname);
    return fromLink;
  });
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<'form' | 'done' | 'expired'>(token ? 'form' : 'expired');

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (password.length < 12) found.push({ field: 'new-password', message: 'Enter a password of at least 12 characters' });
    else if (password !== again) found.push({ field: 'new-password-again', message: 'The two passwords are not the same' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.setPasswordByLink(token, password);
      setState('done');
      focusHeading();
    } catch (err) {
      if (err instanceof ApiError && err.is('password-link-not-valid')) {
        setState('expired');
        focusHeading();
      } else {
        setErrors(errorsFrom(err, 'new-password', { password: 'new-password' }));
      }
    } finally {
      setBusy(false);
    }
  };

  if (state === 'done') {
    return (
      <>
        <h1 class="heading-l" tabIndex={-1}>Your password is set</h1>
        <Notice kind="success">Only you know it. Sign in with your e-mail address and the new password.</Notice>
        <button type="button" class="button" onClick={() => navigate('/staff', true)}>Sign in</button>
      </>
    );
  }
  if (state === 'expired') {
    return (
      <>
        <h1 class="heading-l" tabIndex={-1}>This link no longer works</h1>
        <p>Links to set a password work once, for a few days. Ask a manager to send you a new one: they never see
          or choose your password.</p>
        <p><button type="button" class="link-button" onClick={() => navigate('/staff', true)}>Go to sign in</button></p>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <h1 class="heading-l" tabIndex={-1}>Set your password</h1>
      <p>Choose a password only you know. Nobody at the council will ask you for it.</p>
      <ErrorSummary errors={errors} />
      <TextInput id="new-password" label="New password"
        hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember. Common passwords, your name and your e-mail address are refused."
        type="password" autoComplete="new-password" value={password} error={fieldError(errors, 'new-password')} onInput={setPassword} />
      <TextInput id="new-password-again" label="New password again" type="password" autoComplete="new-password" value={again}
        error={fieldError(errors, 'new-password-again')} onInput={setAgain} />
      <button type="submit" class="button" disabled={busy}>Set password</button>
    </form>
  );
}

function focusHeading() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}
