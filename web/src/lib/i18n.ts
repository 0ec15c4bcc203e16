import en from '../../messages/en.json';
import vi from '../../messages/vi.json';

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof en;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, vi };

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const text = catalogues[locale][key as MessageKey] ?? catalogues.en[key as MessageKey] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const isLocale = (value: unknown): value is Locale => value === 'vi' || value === 'en';
