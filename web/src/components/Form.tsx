import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from '../i18n';

export type FieldError = { field: string; message: string };

/** GOV.UK-style error summary: appears at the top, takes focus, and links to each field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) {
      ref.current?.focus();
    }
  }, [errors]);
  if (!errors.length) {
    return null;
  }
  return (
    <div ref={ref} class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="error-summary-title">
        {t('common.errorSummaryTitle')}
      </h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${e.field}`} onClick={(ev) => { ev.preventDefault(); document.getElementById(e.field)?.focus(); }}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A notice that is not an error: saved, offline, sent. Announced politely by screen readers. */
export function Notice({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <div class={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}

export function fieldError(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

export function ErrorMessage({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={`${id}-error`} class="error-message">
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's label, its hint and its error, wired to the control by id. */
function LabelHintError({ id, label, hint, error, large }: { id: string; label: string; hint?: string; error?: string; large?: boolean }) {
  return (
    <>
      <label class={large ? 'label label-large' : 'label'} for={id}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <ErrorMessage id={id} message={error} />
    </>
  );
}

export function TextArea(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  maxLength: number;
  error?: string;
  labelAsHeading?: boolean;
  onInput: (value: string) => void;
}) {
  const left = props.maxLength - props.value.length;
  return (
    <div class={`form-group${props.error ? ' form-group-error' : ''}`}>
      <LabelHintError id={props.id} label={props.label} hint={props.hint} error={props.error} large={props.labelAsHeading} />
      <textarea
        id={props.id}
        class="textarea"
        rows={6}
        dir="auto"
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? true : undefined}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
      {left < 200 && (
        <p class="hint" aria-live="polite">
          {left >= 0 ? t('topic.charactersLeft', { n: left }) : tn('topic.tooLong', props.maxLength!)}
        </p>
      )}
    </div>
  );
}

export function TextInput(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  onInput: (value: string) => void;
  children?: ComponentChildren;
}) {
  return (
    <div class={`form-group${props.error ? ' form-group-error' : ''}`}>
      <LabelHintError id={props.id} label={props.label} hint={props.hint} error={props.error} />
      <div class="input-row">
        <input
          id={props.id}
          class="input"
          type={props.type ?? 'text'}
          // Words typed here may be in another script than the page's (Arabic in an English page, or back).
          dir={(props.type ?? 'text') === 'text' ? 'auto' : undefined}
          value={props.value}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          spellcheck={false}
          aria-describedby={describedBy(props.id, props.hint, props.error)}
          aria-invalid={props.error ? true : undefined}
          onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        />
        {props.children}
      </div>
    </div>
  );
}

export type Option<T extends string> = { value: T; label: string; picture?: ComponentChildren };

/** Radios or checkboxes in a fieldset, with big targets; in pictures mode each option shows its picture. */
export function Choices<T extends string>(props: {
  id: string;
  legend: string;
  hint?: string;
  options: Option<T>[];
  selected: T[];
  multiple?: boolean;
  error?: string;
  legendAsHeading?: boolean;
  onChange: (selected: T[]) => void;
}) {
  return (
    <div class={`form-group${props.error ? ' form-group-error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(props.id, props.hint, props.error)}>
        <legend class={props.legendAsHeading ? 'legend legend-large' : 'legend'}>{props.legend}</legend>
        {props.hint && (
          <p id={`${props.id}-hint`} class="hint">
            {props.hint}
          </p>
        )}
        <ErrorMessage id={props.id} message={props.error} />
        <div class={`choices${props.options.some((o) => o.picture) ? ' choices-pictures' : ''}`}>
          {props.options.map((option, i) => {
            const checked = props.selected.includes(option.value);
            return (
              <label class={`choice${checked ? ' choice-checked' : ''}`} key={option.value}>
                <input
                  id={i === 0 ? props.id : `${props.id}-${i}`}
                  type={props.multiple ? 'checkbox' : 'radio'}
                  name={props.id}
                  value={option.value}
                  checked={checked}
                  onChange={() => {
                    if (!props.multiple) {
                      props.onChange([option.value]);
                    } else {
                      props.onChange(checked ? props.selected.filter((v) => v !== option.value) : [...props.selected, option.value]);
                    }
                  }}
                />
                {option.picture && <span class="choice-picture">{option.picture}</span>}
                <span class="choice-label">{option.label}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Select(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div class={`form-group${props.error ? ' form-group-error' : ''}`}>
      <LabelHintError id={props.id} label={props.label} hint={props.hint} error={props.error} />
      <select
        id={props.id}
        class="select"
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
