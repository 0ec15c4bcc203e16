// API messages of one area, in both languages; merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const inspectionsMessages = {
} as const satisfies Record<string, Record<Locale, string>>;
