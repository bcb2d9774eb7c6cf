import { useState } from 'preact/hooks';
import type { SetUpDetails } from '../../api/types';
import { ErrorSummary, TextInput, fieldError, type FieldError } from '../../components/Form';
import { QrCodeImage, errorsFrom } from '../common';

/** The six digits an authenticator app shows, as typed: spaces are fine. */
export function cleanCode(typed: string): string {
  return typed.replace(/\s+/g, '');
}

/** The secret in groups of four, easier to type into an app by hand. */
export function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Setting up an authenticator app: scan the QR code (or type the key), then enter the first code it shows. The secret
 * is shown this once; nothing is stored in the browser.
 */
export function AuthenticatorSetUp({ details, confirm }: { details: SetUpDetails; confirm: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const typed = cleanCode(code);
    if (!/^\d{6}$/.test(typed)) {
      setErrors([{ field: 'setup-code', message: 'Enter the 6-digit code your authenticator app shows' }]);
      return;
    }
    setBusy(true);
    try {
      await confirm(typed);
    } catch (err) {
      setErrors(errorsFrom(err, 'setup-code', { code: 'setup-code' }).map((f) => ({
        ...f,
        message: f.field === 'setup-code' && /not the code|not right/.test(f.message)
          ? 'That code is not right. Enter the code your authenticator app shows now' : f.message,
      })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <ol class="steps">
        <li>
          <p>Open an authenticator app on your work phone (for example Microsoft Authenticator or Google Authenticator) and add an account.</p>
        </li>
        <li>
          <p>Scan this QR code with the app.</p>
          <QrCodeImage qrCode={details.qrCode} label="QR code for your authenticator app" />
          <details class="details">
            <summary>I cannot scan the QR code</summary>
            <p>Choose to enter a key by hand, and type this key. It is time-based.</p>
            <p class="code secret-key">{grouped(details.secret)}</p>
          </details>
        </li>
        <li>
          <TextInput id="setup-code" label="Enter the 6-digit code the app shows" inputMode="numeric"
            autoComplete="one-time-code" value={code} error={fieldError(errors, 'setup-code')} onInput={setCode} />
        </li>
      </ol>
      <button type="submit" class="button" disabled={busy}>Confirm</button>
    </form>
  );
}

/** Recovery codes, shown once: to keep somewhere safe, away from the phone. */
export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  return (
    <div class="recovery-codes">
      <p>If you lose your phone, you can sign in with one of these codes instead. Each works once.</p>
      <p><strong>Keep them somewhere safe, away from your phone: print them or write them down. They will not be shown again.</strong></p>
      <ul class="code-list" aria-label="Your recovery codes">
        {codes.map((c) => <li key={c} class="code">{c}</li>)}
      </ul>
      <div class="button-group no-print">
        <button type="button" class="button button-secondary" onClick={() => window.print()}>Print the codes</button>
        <button type="button" class="button" onClick={onDone}>{doneLabel}</button>
      </div>
    </div>
  );
}
