import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { navigate } from './router';

/** Loads what a page shows; a failure is kept so the page can say so plainly and offer to try again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; failed: ApiError | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setFailed(null);
    load().then(
      (value) => current && setData(value),
      (error) => current && setFailed(error instanceof ApiError ? error : new ApiError(0, null)),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, failed, reload };
}

/** What a page says while loading, or when loading failed. Returns null once there is something to show. */
export function LoadState({ failed, loaded, what, reload }: { failed: ApiError | null; loaded: boolean; what: string; reload: () => void }) {
  if (failed) {
    return (
      <div role="alert">
        <h1 class="heading-l" tabIndex={-1}>{failed.status === 404 ? 'Page not found' : `${what} could not be loaded`}</h1>
        {failed.status === 404
          ? <p>It may have been removed, or it is not one of yours.</p>
          : <p>Check your connection, then try again.</p>}
        {failed.status !== 404 && <button type="button" class="button" onClick={reload}>Try again</button>}
        <p><Link href="/staff">Go to the start</Link></p>
      </div>
    );
  }
  if (!loaded) return <p role="status">Loading…</p>;
  return null;
}

/** A link inside the workspace: changes the page without reloading, opens normally with Ctrl, Cmd or middle click. */
export function Link({ href, children, class: className, 'aria-describedby': describedBy }: {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-describedby'?: string;
}) {
  return (
    <a
      href={href}
      class={className}
      aria-describedby={describedBy}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

export function BackLink({ href, children = 'Back' }: { href: string; children?: ComponentChildren }) {
  return (
    <p class="back-link-row">
      <Link href={href} class="back-link">{children}</Link>
    </p>
  );
}

export function Heading({ children, caption }: { children: ComponentChildren; caption?: ComponentChildren }) {
  return (
    <>
      {caption && <p class="caption">{caption}</p>}
      <h1 class="heading-l" tabIndex={-1}>{children}</h1>
    </>
  );
}

/** The problem+json field errors of a failed request, as form errors; anything else as one plain message. */
export function errorsFrom(error: unknown, fallbackField: string, fields: Record<string, string> = {}): { field: string; message: string }[] {
  if (error instanceof ApiError && error.problem?.invalidParams?.length) {
    return error.problem.invalidParams.map((p) => {
      const field = fields[p.name] ?? p.name.replace(/^[a-zA-Z]+\./, '');
      return { field, message: /^[A-Z]/.test(p.reason) ? p.reason : `${labelFor(field)} ${p.reason}` };
    });
  }
  if (error instanceof ApiError && error.status === 0) {
    return [{ field: fallbackField, message: 'There is no connection. Nothing was lost: try again when you are back online.' }];
  }
  if (error instanceof ApiError && error.problem?.detail) {
    return [{ field: fallbackField, message: error.problem.detail }];
  }
  return [{ field: fallbackField, message: 'Something went wrong. Nothing was lost: please try again.' }];
}

function labelFor(field: string): string {
  const words = field.replace(/\[\d+\]/g, '').replace(/([A-Z])/g, ' $1').replace(/-/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A QR code the service computed (the path of its dark modules), drawn crisp on white. */
export function QrCodeImage({ qrCode, label }: { qrCode: { size: number; path: string }; label: string }) {
  return (
    <svg class="qr" viewBox={`0 0 ${qrCode.size} ${qrCode.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width="100%" height="100%" fill="#fff" />
      <path d={qrCode.path} fill="#000" />
    </svg>
  );
}
