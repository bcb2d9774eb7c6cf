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

type Params = Record<string, string | number>;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function message(from: Messages, key: string, params: Params): string {
  return fill(from[key] ?? (en as Messages)[key] ?? key, params);
}

/** Where the number {n} is put in words, and the Western digits every language here shows (as dates do). */
function locale(code: Language): string {
  return code === 'en' ? 'en-GB' : `${code}-u-nu-latn`;
}

/**
 * A message about a number of things, in the plural form the language needs for it: "key#one", "key#other", and
 * in Welsh and Arabic also "key#zero", "key#two", "key#few", "key#many" (Intl.PluralRules says which). {n} is the
 * number. A missing form falls back to the language's "other", then to the English.
 */
function plural(from: Messages, code: Language, key: string, n: number, params: Params): string {
  const form = new Intl.PluralRules(locale(code)).select(n);
  const englishForm = new Intl.PluralRules('en-GB').select(n);
  const template =
    from[`${key}#${form}`] ?? from[`${key}#other`] ?? (en as Messages)[`${key}#${englishForm}`] ?? (en as Messages)[`${key}#other`] ?? key;
  return fill(template, { ...params, n });
}

/** The message for a key in the chosen language, English if it has none yet; {name} placeholders filled in. */
export function t(key: string, params: Params = {}): string {
  return message(messages, key, params);
}

/** A message about {n} things, in the chosen language's plural form for n (see plural above). */
export function tn(key: string, n: number, params: Params = {}): string {
  return plural(messages, language.value, key, n, params);
}

/** The messages of one language, whichever language the page is in: for showing a child's screen or letter to staff. */
export interface Translator {
  code: Language;
  lang: string;
  dir: 'ltr' | 'rtl';
  t: (key: string, params?: Params) => string;
  tn: (key: string, n: number, params?: Params) => string;
  formatDate: (iso: string, withTime?: boolean) => string;
}

function translatorFor(code: Language, from: Messages): Translator {
  const info = LANGUAGES.find((l) => l.code === code)!;
  return {
    code,
    lang: code === 'en' ? 'en-GB' : code,
    dir: info.dir,
    t: (key, params = {}) => message(from, key, params),
    tn: (key, n, params = {}) => plural(from, code, key, n, params),
    formatDate: (iso, withTime = false) => dateIn(code, iso, withTime),
  };
}

/** The page's own language, as a Translator. */
export function current(): Translator {
  return translatorFor(language.value, messages);
}

/** Another language's messages, loaded on demand (Welsh and Arabic are separate chunks); English for an unknown code. */
export async function translator(code: string | null | undefined): Promise<Translator> {
  const chosen: Language = isLanguage(code) ? code : 'en';
  return translatorFor(chosen, await loaders[chosen]());
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
  return dateIn(language.value, iso, withTime);
}

function dateIn(code: Language, iso: string, withTime: boolean): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  // Western digits in every language, so dates read the same as the numbers a child might need to dial.
  return date.toLocaleDateString(locale(code), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
  });
}
