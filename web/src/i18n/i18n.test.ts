import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import enJson from './en.json';
import cyJson from './cy.json';
import arJson from './ar.json';
import { formatTime, language, LANGUAGES, setLanguage, t, tn, translator } from './index';

type Catalogue = Record<string, string>;

const en: Catalogue = enJson;
const translations: Record<'cy' | 'ar', Catalogue> = { cy: cyJson, ar: arJson };

/**
 * Values that may legitimately be the same as the English, per language.
 * app.name and values made only of numbers and punctuation are always allowed.
 */
const SAME_AS_ENGLISH_ALLOWED: Record<'cy' | 'ar', string[]> = {
  cy: ['pin.label'], // "PIN" is the usual word in Welsh too
  ar: [],
};

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
const paragraphs = (text: string): number => text.split('\n').length;
const onlyNumbersOrPunctuation = (text: string): boolean => /^[\d\s\p{P}\p{S}]*$/u.test(text);

const ABOUT_BODIES = Object.keys(en).filter((key) => /^about\.\w+\.body$/.test(key));

/** Plural messages are "key#form", one key per form the language has (Intl.PluralRules); the rest are plain keys. */
const base = (key: string): string => key.split('#')[0];
const PLURAL_BASES = [...new Set(Object.keys(en).filter((key) => key.includes('#')).map(base))];
const formsOf = (code: string): string[] => new Intl.PluralRules(code).resolvedOptions().pluralCategories.slice().sort();
const formsIn = (messages: Catalogue, key: string): string[] =>
  Object.keys(messages).filter((k) => base(k) === key && k !== key).map((k) => k.split('#')[1]).sort();
const plainKeys = (messages: Catalogue): string[] => Object.keys(messages).filter((key) => !key.includes('#'));
const baseOrder = (messages: Catalogue): string[] => [...new Set(Object.keys(messages).map(base))];

describe('the English catalogue', () => {
  it('has the about pages and the help numbers the checks below rely on', () => {
    expect(ABOUT_BODIES.length).toBeGreaterThan(0);
    expect(en['help.childline']).toContain('0800 1111');
    expect(en['about.help.body']).toContain('0800 1111');
    expect(en['help.danger']).toContain('999');
  });
});

describe.each(Object.entries(translations))('the %s catalogue', (code, messages) => {
  const allowed = new Set(SAME_AS_ENGLISH_ALLOWED[code as 'cy' | 'ar']);

  it('has exactly the English keys: none missing, none extra', () => {
    const missing = plainKeys(en).filter((key) => !(key in messages));
    const extra = plainKeys(messages).filter((key) => !(key in en));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('has every plural form its language has, and no others (Welsh and Arabic: zero, one, two, few, many, other)', () => {
    expect(formsOf(code)).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    for (const key of PLURAL_BASES) expect(formsIn(messages, key), key).toEqual(formsOf(code));
    expect(Object.keys(messages).filter((k) => k.includes('#') && !PLURAL_BASES.includes(base(k)))).toEqual([]);
  });

  it('keeps the keys in the English order', () => {
    expect(baseOrder(messages)).toEqual(baseOrder(en));
  });

  it('has the same placeholders as the English in every value, and no others', () => {
    const wrong = plainKeys(en)
      .filter((key) => JSON.stringify(placeholders(messages[key] ?? '')) !== JSON.stringify(placeholders(en[key])))
      .map((key) => ({ key, english: placeholders(en[key]), translated: placeholders(messages[key] ?? '') }));
    expect(wrong).toEqual([]);
  });

  it('uses in each plural form only the English placeholders (a form may say its number in words)', () => {
    const wrong = Object.keys(messages)
      .filter((key) => key.includes('#'))
      .filter((key) => placeholders(messages[key]).some((p) => !placeholders(en[`${base(key)}#other`]).includes(p)));
    expect(wrong).toEqual([]);
  });

  it('has the same number of paragraphs in each about page', () => {
    for (const key of ABOUT_BODIES) {
      expect(paragraphs(messages[key]), key).toBe(paragraphs(en[key]));
      expect(messages[key].split('\n').every((p) => p.trim().length > 0), `${key} has an empty paragraph`).toBe(true);
    }
  });

  it('has no line breaks outside the about pages, where the English has none', () => {
    const wrong = Object.keys(en).filter((key) => !en[key].includes('\n') && messages[key]?.includes('\n'));
    expect(wrong).toEqual([]);
  });

  it('has no empty values', () => {
    const empty = Object.keys(messages).filter((key) => messages[key].trim() === '');
    expect(empty).toEqual([]);
  });

  it('has every value translated (none left in English)', () => {
    const untranslated = plainKeys(en).filter(
      (key) =>
        messages[key] === en[key] && key !== 'app.name' && !allowed.has(key) && !onlyNumbersOrPunctuation(en[key]),
    );
    expect(untranslated).toEqual([]);
  });

  it('keeps the allow-list honest: every allowed key still exists and is still the same as the English', () => {
    for (const key of allowed) {
      expect(en[key], key).toBeDefined();
      expect(messages[key], key).toBe(en[key]);
    }
  });

  it('keeps the app name MySay', () => {
    expect(messages['app.name']).toBe('MySay');
  });

  it('keeps the phone numbers so they can be dialled', () => {
    expect(messages['help.childline']).toContain('0800 1111');
    expect(messages['about.help.body']).toContain('0800 1111');
    expect(messages['help.danger']).toContain('999');
    expect(messages['letter.danger']).toContain('0800 1111');
    expect(messages['letter.danger']).toContain('999');
  });

  it('uses Western digits only (no Arabic-Indic digits)', () => {
    const wrong = Object.keys(messages).filter((key) => /[\u0660-\u0669\u06F0-\u06F9]/.test(messages[key]));
    expect(wrong).toEqual([]);
  });
});

describe('the Arabic catalogue in right-to-left text', () => {
  it('keeps "0800 1111" left-to-right, so the two groups are not shown swapped', () => {
    // In a right-to-left paragraph, "0800 1111" would otherwise show as "1111 0800".
    for (const key of ['help.childline', 'about.help.body', 'letter.danger']) {
      expect(arJson[key as keyof typeof arJson], key).toContain('\u20660800 1111\u2069');
    }
  });

  it('is actually written in Arabic script', () => {
    const notArabic = Object.entries(translations.ar)
      .filter(([key, value]) => key !== 'app.name' && !/[\u0600-\u06FF]/.test(value))
      .map(([key]) => key);
    expect(notArabic).toEqual([]);
  });
});

describe('the English catalogue’s plurals', () => {
  it('has one and other for each plural message', () => {
    expect(PLURAL_BASES.length).toBeGreaterThan(0);
    for (const key of PLURAL_BASES) expect(formsIn(en, key), key).toEqual(['one', 'other']);
  });
});

describe('tn(): a number of things in the plural form each language needs', () => {
  it('in English: one try, more tries', () => {
    expect(tn('pin.wrong', 1)).toBe('That PIN is not right. You have 1 more try.');
    expect(tn('pin.wrong', 3)).toBe('That PIN is not right. You have 3 more tries.');
  });

  it('in Arabic: one, two, a few, many and other, each worded as Arabic words them', async () => {
    const ar = await translator('ar');
    expect(ar.tn('pin.wrong', 1)).toBe('هذا الرقم السري غير صحيح. بقيت لديك محاولة واحدة فقط.');
    expect(ar.tn('pin.wrong', 2)).toBe('هذا الرقم السري غير صحيح. بقيت لديك محاولتان.');
    expect(ar.tn('pin.wrong', 4)).toBe('هذا الرقم السري غير صحيح. بقيت لديك 4 محاولات.');
    expect(ar.tn('topic.tooLong', 11)).toBe('هذا طويل جدًا. من فضلك اختصره إلى أقل من 11 حرفًا');
    expect(ar.tn('topic.tooLong', 2000)).toBe('هذا طويل جدًا. من فضلك اختصره إلى أقل من 2000 حرف');
  });

  it('in Welsh: the number changes the word after it (dau gynnig, tri chynnig)', async () => {
    const cy = await translator('cy');
    expect(cy.tn('pin.wrong', 2)).toBe("Dydy'r PIN yna ddim yn gywir. Mae gen ti ddau gynnig ar ôl.");
    expect(cy.tn('pin.wrong', 3)).toBe("Dydy'r PIN yna ddim yn gywir. Mae gen ti 3 chynnig ar ôl.");
    expect(cy.tn('pin.wrong', 4)).toBe("Dydy'r PIN yna ddim yn gywir. Mae gen ti 4 cynnig ar ôl.");
  });
});

describe('t()', () => {
  it('returns the English message by default', () => {
    expect(language.value).toBe('en');
    expect(t('app.name')).toBe('MySay');
    expect(t('common.continue')).toBe('Continue');
  });

  it('fills in placeholders', () => {
    expect(t('home.hello', { name: 'Sam' })).toBe('Hi Sam');
    expect(t('safety.face', { n: 7 })).toBe('7 out of 10');
    expect(t('sent.rejected', { reason: 'The meeting has been cancelled.' })).toBe(
      'Your views could not be sent: The meeting has been cancelled. Your answers are still here.',
    );
  });

  it('leaves a placeholder in place when no value is given for it', () => {
    expect(t('home.meetingOn')).toBe('Your meeting is on {date}.');
    expect(t('home.meetingOn', { name: 'Sam' })).toBe('Your meeting is on {date}.');
  });

  it('returns the key itself for an unknown key', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });

  describe('after setLanguage (with a stand-in document)', () => {
    const documentElement: { lang?: string; dir?: string } = {};
    const stored = new Map<string, string>();

    beforeAll(() => {
      vi.stubGlobal('document', { documentElement });
      vi.stubGlobal('localStorage', {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
        removeItem: (k: string) => void stored.delete(k),
      });
    });

    afterAll(async () => {
      await setLanguage('en', false);
      vi.unstubAllGlobals();
    });

    it('says when to try again as a time of day, in the sentence, in every language', async () => {
      const at = new Date(2026, 11, 7, 14, 5);
      for (const code of ['en', 'cy', 'ar'] as const) {
        await setLanguage(code, false);
        expect(formatTime(at)).toMatch(/(14|2)[:.]05/);
        expect(t('pin.tooManyTries', { time: formatTime(at) })).toContain(formatTime(at));
        if (code !== 'en') expect(t('pin.tooManyTries', { time: '' })).not.toEqual(en['pin.tooManyTries'].replace('{time}', ''));
      }
      await setLanguage('en', false);
    });

    it('uses the Welsh messages and sets lang and direction', async () => {
      await setLanguage('cy');
      expect(t('common.continue')).toBe(cyJson['common.continue']);
      expect(t('home.hello', { name: 'Sam' })).toBe(cyJson['home.hello'].replace('{name}', 'Sam'));
      expect(documentElement).toEqual({ lang: 'cy', dir: 'ltr' });
      expect(stored.get('lang')).toBe('cy');
    });

    it('uses the Arabic messages, right to left', async () => {
      await setLanguage('ar', false);
      expect(t('common.continue')).toBe(arJson['common.continue']);
      expect(t('safety.face', { n: 3 })).toBe(arJson['safety.face'].replace('{n}', '3'));
      expect(documentElement).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(LANGUAGES.find((l) => l.code === 'ar')?.dir).toBe('rtl');
    });

    it('goes back to English', async () => {
      await setLanguage('en', false);
      expect(t('common.continue')).toBe('Continue');
      expect(documentElement).toEqual({ lang: 'en-GB', dir: 'ltr' });
    });
  });
});

