/**
 * Leaving quickly, for a child who is interrupted. The app keeps one history entry for all its screens, so replacing
 * it leaves nothing to come back to with the Back button. The session is ended on the way out.
 */
export const NEUTRAL_SITE = 'https://www.bbc.co.uk/weather';

export type Exit = (url: string) => void;

let beforeLeaving: () => void = () => {};

/** Something to do first, such as forgetting what is on screen; it must be quick and must not throw. */
export function onLeave(action: () => void): void {
  beforeLeaving = action;
}

export function leaveQuickly(exit: Exit = (url) => window.location.replace(url)): void {
  try {
    beforeLeaving();
  } catch {
    // leaving matters more than tidying up
  }
  try {
    // A beacon outlives the page but cannot carry the API client's X-MySay-Request header; the service accepts it
    // by the browser's own Sec-Fetch-Site: same-origin (and Origin) instead.
    navigator.sendBeacon?.('/api/auth/sign-out');
  } catch {
    // no network: the session cookie still expires on its own
  }
  document.title = 'Weather';
  document.body.innerHTML = '';
  exit(NEUTRAL_SITE);
}

/** Escape pressed twice, or Shift three times, within a short time. */
export class LeaveShortcut {
  private escapes: number[] = [];
  private shifts: number[] = [];

  constructor(
    private readonly leave: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  readonly onKeyDown = (event: Pick<KeyboardEvent, 'key' | 'repeat'>): void => {
    if (event.repeat) {
      return;
    }
    const time = this.now();
    if (event.key === 'Escape') {
      this.escapes = [...this.escapes.filter((t) => time - t < 1000), time];
      if (this.escapes.length >= 2) {
        this.leave();
      }
    } else if (event.key === 'Shift') {
      this.shifts = [...this.shifts.filter((t) => time - t < 1500), time];
      if (this.shifts.length >= 3) {
        this.leave();
      }
    } else {
      this.escapes = [];
      this.shifts = [];
    }
  };
}
