import { useState } from 'preact/hooks';
import { api, ApiError, isProblem } from '../api/client';
import type { Me, SecondStepNeeded, SetUpDetails } from '../api/types';
import { ErrorSummary, Notice, TextInput, fieldError, type FieldError } from '../components/Form';
import { AuthenticatorSetUp, RecoveryCodes, cleanCode } from './account/SecondFactor';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; challenge: string }
  | { kind: 'set-up'; challenge: string; details: SetUpDetails | null }
  | { kind: 'recovery-codes'; codes: string[]; me: Me };

/**
 * Staff sign-in: the e-mail address and password, then, where the account has one, a code from the authenticator app
 * (or a recovery code); where the council requires a second step and the account has none yet, setting one up.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [expired, setExpired] = useState(false);

  const startAgain = () => {
    setExpired(true);
    setStep({ kind: 'password' });
  };

  switch (step.kind) {
    case 'password':
      return <PasswordStep expired={expired} onPassword={(next) => {
        setExpired(false);
        if ('me' in next) onSignedIn(next.me);
        else if ((next as SecondStepNeeded).secondStep === 'ENTER_CODE') setStep({ kind: 'code', challenge: next.challenge });
        else setStep({ kind: 'set-up', challenge: next.challenge, details: null });
      }} />;
    case 'code':
      return <CodeStep challenge={step.challenge} onSignedIn={onSignedIn} onExpired={startAgain} />;
    case 'set-up':
      return <SetUpStep challenge={step.challenge} details={step.details}
        onDetails={(details) => setStep({ ...step, details })}
        onDone={(codes, me) => setStep({ kind: 'recovery-codes', codes, me })} onExpired={startAgain} />;
    case 'recovery-codes':
      return (
        <>
          <h1 class="heading-l" tabIndex={-1}>Save your recovery codes</h1>
          <Notice kind="success">Two-step sign-in is set up.</Notice>
          <RecoveryCodes codes={step.codes} onDone={() => onSignedIn(step.me)} doneLabel="I have saved my codes – continue" />
        </>
      );
  }
}

function PasswordStep({ expired, onPassword }: { expired: boolean; onPassword: (next: Awaited<ReturnType<typeof api.staffSignIn>>) => void }) {
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
      onPassword(await api.staffSignIn(email.trim(), password));
    } catch (err) {
      setErrors([{ field: 'email', message: problemMessage(err, 'The e-mail address or password is not right') }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1 class="heading-l" tabIndex={-1}>Sign in</h1>
      {expired && <Notice kind="warning">That sign-in took too long, or had too many wrong codes. Sign in again.</Notice>}
      <ErrorSummary errors={errors} />
      <TextInput id="email" label="E-mail address" type="email" inputMode="email" autoComplete="username" value={email}
        error={fieldError(errors, 'email')} onInput={setEmail} />
      <TextInput id="password" label="Password" type="password" autoComplete="current-password" value={password}
        error={fieldError(errors, 'password')} onInput={setPassword} />
      <button type="submit" class="button" disabled={busy}>Sign in</button>
    </form>
  );
}

function CodeStep({ challenge, onSignedIn, onExpired }: { challenge: string; onSignedIn: (me: Me) => void; onExpired: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const field = useRecovery ? 'recovery-code' : 'code';

  const submit = async (e: Event) => {
    e.preventDefault();
    const typed = useRecovery ? code.trim() : cleanCode(code);
    if (useRecovery ? typed.length < 12 : !/^\d{6}$/.test(typed)) {
      setErrors([{ field, message: useRecovery ? 'Enter one of your recovery codes, like abcd-efgh-jkmn' : 'Enter the 6-digit code from your authenticator app' }]);
      return;
    }
    setBusy(true);
    try {
      const session = await api.enterSecondFactor(challenge, typed);
      onSignedIn(session.me);
    } catch (err) {
      if (isProblem(err, 'sign-in-expired')) {
        onExpired();
        return;
      }
      setErrors([{ field, message: problemMessage(err, useRecovery
        ? 'That recovery code is not right, or it has been used already'
        : 'That code is not right, or it has been used already. Enter the code the app shows now') }]);
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (recovery: boolean) => {
    setUseRecovery(recovery);
    setCode('');
    setErrors([]);
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1 class="heading-l" tabIndex={-1}>{useRecovery ? 'Enter a recovery code' : 'Enter the code from your authenticator app'}</h1>
      <ErrorSummary errors={errors} />
      {useRecovery
        ? <TextInput id="recovery-code" label="Recovery code" hint="One of the codes you saved when you set up two-step sign-in. Each works once."
            autoComplete="off" value={code} error={fieldError(errors, 'recovery-code')} onInput={setCode} />
        : <TextInput id="code" label="6-digit code" hint="Open the authenticator app on your phone. The code changes every 30 seconds."
            inputMode="numeric" autoComplete="one-time-code" value={code} error={fieldError(errors, 'code')} onInput={setCode} />}
      <button type="submit" class="button" disabled={busy}>Continue</button>
      <p>
        <button type="button" class="link-button" onClick={() => switchTo(!useRecovery)}>
          {useRecovery ? 'Use the code from your authenticator app' : 'I do not have my phone: use a recovery code'}
        </button>
      </p>
      {useRecovery && <p class="hint">No recovery codes either? Ask a manager to reset your two-step sign-in.</p>}
    </form>
  );
}

function SetUpStep({ challenge, details, onDetails, onDone, onExpired }: {
  challenge: string;
  details: SetUpDetails | null;
  onDetails: (d: SetUpDetails) => void;
  onDone: (codes: string[], me: Me) => void;
  onExpired: () => void;
}) {
  const [failed, setFailed] = useState<string | null>(null);

  const start = async () => {
    try {
      onDetails(await api.beginSetUpAtSignIn(challenge));
    } catch (err) {
      if (isProblem(err, 'sign-in-expired')) onExpired();
      else setFailed(problemMessage(err, 'Something went wrong. Please try again.'));
    }
  };

  const confirm = async (code: string) => {
    try {
      const done = await api.confirmSetUpAtSignIn(challenge, code);
      onDone(done.recoveryCodes, done.session.me);
    } catch (err) {
      if (isProblem(err, 'sign-in-expired')) onExpired();
      else throw err;
    }
  };

  return (
    <>
      <h1 class="heading-l" tabIndex={-1}>Set up two-step sign-in</h1>
      {!details && (
        <>
          <p>MySay holds information about children. To keep it safe, your council asks everyone to sign in with a code from an authenticator app on their phone, as well as their password.</p>
          <p>This takes about two minutes, once.</p>
          {failed && <Notice kind="warning">{failed}</Notice>}
          <button type="button" class="button" onClick={start}>Start</button>
        </>
      )}
      {details && <AuthenticatorSetUp details={details} confirm={confirm} />}
    </>
  );
}

/** The service's plain words for a refusal; our own when there are none. */
export function problemMessage(err: unknown, fallback: string): string {
  if (err instanceof ApiError && err.status === 0) return 'There is no connection. Try again when you are back online.';
  if (err instanceof ApiError && err.status === 429) return err.problem?.detail ?? 'Too many tries. Wait a while, then try again.';
  if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return fallback;
  return 'Something went wrong. Please try again.';
}
