import { Observable } from './observable';
import type { ChildHome } from '../api/types';

export type Topic =
  | 'goodThings'
  | 'worries'
  | 'wishes'
  | 'safety'
  | 'takingPart'
  | 'advocate'
  | 'questions'
  | 'tellChairFirst'
  | 'authorship';

export type AboutPage = 'why' | 'who' | 'what' | 'after' | 'ways' | 'advocate' | 'unhappy' | 'help';

/**
 * Every screen of the child's app. Screens live in memory, not in the address bar: the app keeps a single
 * history entry, so "Leave quickly" replaces it and the Back button cannot bring anyone back into it.
 */
export type Screen =
  | { name: 'welcome'; code: string | null }
  | { name: 'code' }
  /** After redeeming a code the child's name is known; after a reset (or on reopening) nothing is shown of them. */
  | { name: 'choosePin'; knownAs?: string; reset?: boolean }
  | { name: 'signIn'; notice?: string }
  /** The social worker took this device off MySay: it says so, and nothing else. */
  | { name: 'removed' }
  | { name: 'home' }
  | { name: 'about'; page?: AboutPage }
  | { name: 'help' }
  | { name: 'views'; conferenceId: string }
  | { name: 'topic'; conferenceId: string; topic: Topic }
  | { name: 'check'; conferenceId: string }
  | { name: 'sent'; conferenceId: string };

export type Mode = 'words' | 'pictures';

export const screen = new Observable<Screen>({ name: 'welcome', code: null });
export const mode = new Observable<Mode>(readMode());
export const home = new Observable<ChildHome | null>(null);

export function go(next: Screen): void {
  screen.value = next;
  // Move focus to the new screen's heading, so screen readers announce it and keyboard users start at the top.
  requestAnimationFrame(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  });
}

export function setMode(next: Mode): void {
  mode.value = next;
  document.documentElement.dataset.mode = next;
  try {
    localStorage.setItem('mode', next);
  } catch {
    // private mode
  }
}

function readMode(): Mode {
  try {
    return localStorage.getItem('mode') === 'pictures' ? 'pictures' : 'words';
  } catch {
    return 'words';
  }
}

/** Whether this browser has been set up (an invitation redeemed here). Says nothing about who or what. */
export const deviceBound = {
  get: (): boolean => {
    try {
      return localStorage.getItem('bound') === '1';
    } catch {
      return false;
    }
  },
  set: (bound: boolean): void => {
    try {
      if (bound) {
        localStorage.setItem('bound', '1');
      } else {
        localStorage.removeItem('bound');
      }
    } catch {
      // private mode
    }
  },
};
