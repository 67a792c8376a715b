import { createContext, useContext } from 'react';
import { en, type Messages } from './en.js';
import { fr } from './fr.js';

/**
 * A tiny i18n: two dictionaries and `{name}` placeholders. The chosen locale lives in
 * localStorage (and starts from the user's `locale` field when the server sends one).
 */
export type Locale = 'en' | 'fr';

export const DICTIONARIES: Record<Locale, Messages> = { en, fr };

type StringKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export const format = (template: string, vars?: Record<string, string | number>): string =>
  vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;

export const makeTranslate = (locale: Locale): Translate => (key, vars) => format(DICTIONARIES[locale][key], vars);

const STORAGE_KEY = 'sb.locale';

export const isLocale = (v: unknown): v is Locale => v === 'en' || v === 'fr';

export const storedLocale = (): Locale | null => {
  const v = window.localStorage.getItem(STORAGE_KEY);
  return isLocale(v) ? v : null;
};

export const storeLocale = (locale: Locale): void => window.localStorage.setItem(STORAGE_KEY, locale);

export interface I18n {
  locale: Locale;
  t: Translate;
  messages: Messages;
  setLocale: (l: Locale) => void;
}

export const I18nContext = createContext<I18n>({
  locale: 'en',
  t: makeTranslate('en'),
  messages: en,
  setLocale: () => undefined,
});

export const useI18n = (): I18n => useContext(I18nContext);
