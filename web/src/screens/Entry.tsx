import { useState } from 'preact/hooks';
import { api, ApiError, isProblem } from '../api/client';
import { ErrorSummary, Notice, TextInput, type FieldError } from '../components/Form';
import { formatTime, t, tn } from '../i18n';
import { go, deviceBound } from '../state/app';
import { deviceScreen, startSession } from '../state/session';

function Heading({ children }: { children: preact.ComponentChildren }) {
  return (
    <h1 class="heading-l" tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Too many tries (429): when to try again, from the service's Retry-After, as a time of day (rounded up). */
export function tooManyTries(err: ApiError, now: number = Date.now()): string {
  return err.retryAfterMs == null ? t('pin.tooManyTriesSoon')
    : t('pin.tooManyTries', { time: formatTime(new Date(now + err.retryAfterMs + 59_000)) });
}

/** Redeems an invitation code on this device and moves on to choosing a PIN; the message to show if it fails. */

async function redeem(code: string): Promise<string | null> {
  try {
    const redeemed = await api.redeem(code);
    deviceBound.set(true);
    go({ name: 'choosePin', knownAs: redeemed.knownAs });
    return null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 429) return tooManyTries(e);
    if (isProblem(e, 'device-removed')) {
      // The child's old link again, on a phone the social worker took off MySay.
      go({ name: 'removed' });
      return null;
    }
    if (isProblem(e, 'device-already-set-up')) {
      // The child's own link again, on the phone it set up: the PIN is the way in.
      deviceBound.set(true);
      go(await deviceScreen());
      return null;
    }
    return isProblem(e, 'invitation-not-valid') ? t('code.notValid') : t('common.somethingWrong');
  }
}

export function Welcome({ code }: { code: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    if (!code) {
      go({ name: 'code' });
      return;
    }
    setBusy(true);
    setError(await redeem(code));
    setBusy(false);
  };

  return (
    <>
      <Heading>{t('welcome.title')}</Heading>
      {error && <ErrorSummary errors={[{ field: 'start', message: error }]} />}
      <p class="lead">{t('welcome.intro')}</p>
      <p>{t('welcome.whoReads')}</p>
      <p class="words-only">{t('welcome.stop')}</p>
      <button id="start" type="button" class="button button-start" disabled={busy} onClick={start}>
        {t('welcome.start')}
      </button>
      {code && (
        <p>
          <button type="button" class="link-button" onClick={() => go({ name: 'code' })}>
            {t('welcome.haveCode')}
          </button>
        </p>
      )}
    </>
  );
}

export function EnterCode() {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!code.trim()) {
      setErrors([{ field: 'code', message: t('code.required') }]);
      return;
    }
    setBusy(true);
    const failure = await redeem(code.trim());
    setErrors(failure ? [{ field: 'code', message: failure }] : []);
    setBusy(false);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading>{t('code.title')}</Heading>
      <ErrorSummary errors={errors} />
      <TextInput
        id="code"
        label={t('code.label')}
        hint={t('code.hint')}
        value={code}
        autoComplete="off"
        error={errors[0]?.message}
        onInput={setCode}
      />
      <button type="submit" class="button" disabled={busy}>
        {t('common.continue')}
      </button>
    </form>
  );
}

function PinField(props: { id: string; label: string; hint?: string; value: string; error?: string; autoComplete: string; onInput: (v: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <TextInput
      id={props.id}
      label={props.label}
      hint={props.hint}
      value={props.value}
      type={shown ? 'text' : 'password'}
      inputMode="numeric"
      autoComplete={props.autoComplete}
      error={props.error}
      onInput={props.onInput}
    >
      <button type="button" class="button button-secondary show-hide" aria-pressed={shown} onClick={() => setShown(!shown)}>
        {shown ? t('pin.hide') : t('pin.show')}
      </button>
    </TextInput>
  );
}

export function ChoosePin({ knownAs, reset }: { knownAs?: string; reset?: boolean }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!pin) found.push({ field: 'pin', message: t('pin.required') });
    else if (!/^\d{4,8}$/.test(pin)) found.push({ field: 'pin', message: t('pin.numbersOnly') });
    else if (pin !== again) found.push({ field: 'pin-again', message: t('pin.mismatch') });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await startSession(await api.choosePin(pin));
    } catch (err) {
      if (err instanceof ApiError && err.problem?.invalidParams?.some((p) => p.name === 'pin')) {
        setErrors([{ field: 'pin', message: t('pin.tooEasy') }]);
      } else if (isProblem(err, 'pin-already-set')) {
        go({ name: 'signIn' });
      } else if (isProblem(err, 'device-removed')) {
        go({ name: 'removed' });
      } else if (isProblem(err, 'pin-setup-expired')) {
        setErrors([{ field: 'pin', message: t('pin.tooLate') }]);
      } else if (err instanceof ApiError && err.status === 429) {
        setErrors([{ field: 'pin', message: tooManyTries(err) }]);
      } else if (err instanceof ApiError && err.status === 401) {
        deviceBound.set(false);
        setErrors([{ field: 'pin', message: t('pin.notThisPhone') }]);
      } else if (err instanceof ApiError && err.status === 0) {
        setErrors([{ field: 'pin', message: t('pin.offline') }]);
      } else {
        setErrors([{ field: 'pin', message: t('common.somethingWrong') }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading>{t(reset ? 'pin.chooseNewTitle' : 'pin.chooseTitle')}</Heading>
      <ErrorSummary errors={errors} />
      {knownAs && <p class="lead">{t('home.hello', { name: knownAs })}</p>}
      {reset && <p class="lead">{t('pin.chooseNewIntro')}</p>}
      <PinField id="pin" label={t('pin.label')} hint={t('pin.chooseHint')} value={pin} autoComplete="new-password"
        error={errors.find((x) => x.field === 'pin')?.message} onInput={setPin} />
      <PinField id="pin-again" label={t('pin.confirmLabel')} value={again} autoComplete="new-password"
        error={errors.find((x) => x.field === 'pin-again')?.message} onInput={setAgain} />
      <button type="submit" class="button" disabled={busy}>
        {t('common.continue')}
      </button>
    </form>
  );
}

export function SignIn({ notice }: { notice?: string }) {
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setErrors([{ field: 'pin', message: pin ? t('pin.numbersOnly') : t('pin.required') }]);
      return;
    }
    setBusy(true);
    try {
      await startSession(await api.childSignIn(pin));
    } catch (err) {
      setPin('');
      if (isProblem(err, 'locked')) {
        setErrors([{ field: 'pin', message: t('pin.locked') }]);
      } else if (isProblem(err, 'pin-not-right')) {
        const left = err.problem?.attemptsLeft ?? 0;
        setErrors([{ field: 'pin', message: tn('pin.wrong', left) }]);
      } else if (err instanceof ApiError && err.status === 429) {
        setErrors([{ field: 'pin', message: tooManyTries(err) }]);
      } else if (isProblem(err, 'device-removed')) {
        go({ name: 'removed' });
      } else if (isProblem(err, 'device-not-recognised')) {
        deviceBound.set(false);
        go({ name: 'code' });
      } else if (isProblem(err, 'pin-not-set')) {
        // The social worker reset the PIN (after it locked, or when it was forgotten): choose a new one.
        go({ name: 'choosePin', reset: true });
      } else if (err instanceof ApiError && err.status === 0) {
        setErrors([{ field: 'pin', message: t('pin.offline') }]);
      } else {
        setErrors([{ field: 'pin', message: t('common.somethingWrong') }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Heading>{t('pin.signInTitle')}</Heading>
      {notice && <Notice>{t(notice)}</Notice>}
      <ErrorSummary errors={errors} />
      <PinField id="pin" label={t('pin.label')} value={pin} autoComplete="current-password"
        error={errors[0]?.message} onInput={setPin} />
      <button type="submit" class="button" disabled={busy}>
        {t('pin.signIn')}
      </button>
      <p class="hint">{t('pin.forgotten')}</p>
    </form>
  );
}

/**
 * A phone the social worker took off MySay (lost, or someone else may use it). Plain words, and nothing about the
 * child or who removed it: whoever holds the phone may not be the child.
 */
export function Removed() {
  return (
    <>
      <Heading>{t('removed.title')}</Heading>
      <p class="lead">{t('removed.body')}</p>
      <p>{t('removed.next')}</p>
      <button type="button" class="button button-secondary" onClick={() => go({ name: 'code' })}>
        {t('removed.haveCode')}
      </button>
    </>
  );
}
