// use:enhance for the inspection page's change forms (a checklist item's result, a finding) with
// the offline queue: with JavaScript, the form is not posted; its change gets a fresh UUID, goes
// into the queue, is shown at once and is sent when the server can be reached (outbox.svelte.ts).
// Without JavaScript, or when IndexedDB cannot be opened, the form posts as before.
import type { SubmitFunction } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import type { InspectionOutbox } from './outbox.svelte.ts';

/**
 * A queued form: `prepare` reads the posted fields (the pressed button's value included) and
 * returns what to queue, or null to let the form post to its action instead (for input only the
 * server can judge, so that it says what is missing). `after` runs once the change is queued.
 */
export function queuedForm(
  outbox: InspectionOutbox,
  prepare: (form: FormData) => (() => Promise<unknown>) | null,
  after: (form: HTMLFormElement) => void = emptyFiles,
): SubmitFunction {
  return ({ formData, formElement, cancel }) => {
    if (!outbox.available) return refreshOnFailure;
    // The queued change gets its own UUID (outbox.svelte.ts): the form's hidden IDs belong to its
    // rendering and would be the same for the next change made with the same form.
    const queue = prepare(formData);
    if (!queue) return;
    cancel();
    // A change IndexedDB refused stays in the form (the status bar says why) to be sent again.
    void queue().then(
      () => after(formElement),
      () => undefined,
    );
  };
}

/**
 * Posting without the queue: a refused form also loads the page's data again (the default only
 * does so after a success), so a result refused because someone recorded the item since shows
 * the item's current value, and the form's hidden base becomes it.
 */
const refreshOnFailure: ReturnType<SubmitFunction> = async ({ result, update }) => {
  await update();
  if (result.type === 'failure') await invalidateAll();
};

/** After a queued result: its photos are queued, so the file fields are emptied (the note stays). */
export function emptyFiles(form: HTMLFormElement): void {
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="file"]')) input.value = '';
}

/**
 * After a queued finding: its text, files and chosen uploads are emptied for the next one; the
 * severity and the item stay as chosen (the next finding is often of the same kind).
 */
export function emptyForm(form: HTMLFormElement): void {
  emptyFiles(form);
  for (const text of form.querySelectorAll('textarea')) text.value = '';
  for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="evidenceId"]')) {
    box.checked = false;
  }
}
