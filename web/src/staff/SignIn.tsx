import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';
import { ErrorSummary, TextInput, fieldError, type FieldError } from '../components/Form';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim()) found.push({ field: 'email', message: 'Enter your e-mail address' });
    if (!password) found.push({ field: 'password', message: 'Enter your password' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const session = await api.staffSignIn(email.trim(), password);
      onSignedIn(session.me);
    } catch (err) {
      setErrors([{ field: 'email', message: err instanceof ApiError && err.status === 401
        ? 'The e-mail address or password is not right'
        : err instanceof ApiError && err.status === 0
          ? 'There is no connection. Try again when you are back online.'
          : 'Something went wrong. Please try again.' }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1 class="heading-l" tabIndex={-1}>Sign in</h1>
      <ErrorSummary errors={errors} />
      <TextInput id="email" label="E-mail address" type="email" inputMode="email" autoComplete="username" value={email}
        error={fieldError(errors, 'email')} onInput={setEmail} />
      <TextInput id="password" label="Password" type="password" autoComplete="current-password" value={password}
        error={fieldError(errors, 'password')} onInput={setPassword} />
      <button type="submit" class="button" disabled={busy}>Sign in</button>
    </form>
  );
}
