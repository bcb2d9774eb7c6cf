import { Observable } from '../state/observable';
import en from './en.json';

export type Messages = Record<string, string>;
export type Language = 'en' | 'cy' | 'ar';

export const LANGUAGES: { code: Language; name: string; dir: 'ltr' | 'rtl'; speech: string }[] = [
  { code: 'en', name: 'English', dir: 'ltr', speech: 'en-GB' },
  { code: 'cy', name: 'Cymraeg', dir: 'ltr', speech: 'cy-GB' },
  { code: 'ar', name: 'العربية', dir: 'rtl', speech: 'ar' },
];

const loaders: Record<Language, () => Promise<Messages>> = {
  en: async () => en,
  cy: async () => (await import('./cy.json')).default,
  ar: async () => (await import('./ar.json')).default,
};

export const language = new Observable<Language>('en');
let messages: Messages = en;

/** The message for a key in the chosen language, English if it has none yet; {name} placeholders filled in. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = messages[key] ?? (en as Messages)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

export function languageInfo() {
  return LANGUAGES.find((l) => l.code === language.value) ?? LANGUAGES[0];
}

/** Switches language: loads its messages, sets the page's lang and direction, and remembers the choice. */
export async function setLanguage(code: Language, remember = true): Promise<void> {
  const loaded = await loaders[code]();
  messages = loaded;
  language.value = code;
  const info = LANGUAGES.find((l) => l.code === code)!;
  document.documentElement.lang = code === 'en' ? 'en-GB' : code;
  document.documentElement.dir = info.dir;
  if (remember) {
    try {
      localStorage.setItem('lang', code);
    } catch {
      // private mode: the choice lasts for this visit only
    }
  }
}

/** A time of day in the chosen language, with Western digits: "14:05". */
export function formatTime(date: Date): string {
  const locale = language.value === 'en' ? 'en-GB' : `${language.value}-u-nu-latn`;
  return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}

/** Dates in words, in the chosen language: "Monday 7 December". */
export function formatDate(iso: string, withTime = false): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  // Western digits in every language, so dates read the same as the numbers a child might need to dial.
  const locale = language.value === 'en' ? 'en-GB' : `${language.value}-u-nu-latn`;
  return date.toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
  });
}
