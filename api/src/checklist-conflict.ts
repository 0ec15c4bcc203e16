// The refusal of a checklist result made on a value the item no longer holds (an offline change
// arriving after another inspector recorded the item): the client shows both and the inspector
// chooses. See docs/offline.md, "Conflicts".
import type { ChecklistItemValue } from '../../workflows/src/contracts.ts';
import { DomainError } from './errors.ts';
import { translate, type Locale } from './messages.ts';

export class ChecklistItemChangedError extends DomainError {
  override name = 'ChecklistItemChangedError';
  constructor(
    /** What the item holds now. */
    readonly current: ChecklistItemValue,
    /** Who recorded it and when (the latest result audit event of the item), when known. */
    readonly recordedBy: { name: string; at: Date } | null = null,
  ) {
    super('inspection.checklistItemChanged', 'base');
  }
}

const fill = (text: string, params: Record<string, string>): string =>
  Object.entries(params).reduce((out, [name, value]) => out.replaceAll(`{${name}}`, value), text);

/**
 * The refusal in the viewer's language: who recorded what (with the note) and when, in Vietnam's
 * time; without the audit trail's who and when, the general sentence.
 */
export function checklistChangedMessage(error: ChecklistItemChangedError, locale: Locale): string {
  if (!error.recordedBy) return translate(locale, error.messageKey);
  const { result, note } = error.current;
  const at = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(error.recordedBy.at);
  return fill(translate(locale, 'inspection.checklistItemChangedBy'), {
    name: error.recordedBy.name,
    result: result ? translate(locale, `timeline.checklistResult.${result}`) : '—',
    note: note ? fill(translate(locale, 'inspection.checklistItemChangedNote'), { note }) : '',
    at,
  });
}
