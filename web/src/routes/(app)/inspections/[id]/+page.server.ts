import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { isInspectionDone, type InspectionDone } from '#lib/i18n.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors, type Refusal } from '#lib/server/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import {
  RECORD_CHECKLIST_RESULT,
  RECORD_FINDING,
  checklistResultChange,
  checklistResultInput,
  findingChange,
  findingInput,
  uploadForm,
  type ChangeFile,
} from './changes.ts';
import { evidenceMaxBytes } from '../../../../../../api/src/evidence/http.ts';

/** What the page shows of a file: the link, its name and whether it is a photo (a thumbnail). */
const EvidenceFile = graphql(`
  fragment InspectionEvidenceFile on Evidence {
    id
    fileName
    mimeType
    sizeBytes
    downloadUrl
  }
`);

const INSPECTION_PAGE_QUERY = graphql(
  `
    query InspectionPage($id: ID!) {
      inspection(id: $id) {
        id
        kind
        status
        title
        targetUnit {
          id
          name
        }
        scheduledOn
        windowStart
        windowEnd
        startedAt
        closedAt
        summary
        cancelReason
        minutesUrl
        inspectors {
          userId
          name
          lead
        }
        viewerCan {
          reschedule
          start
          record
          close
          cancel
        }
        checklist {
          id
          sortOrder
          text
          result
          note
          evidence {
            ...InspectionEvidenceFile
          }
        }
        findings {
          id
          severity
          description
          requiresCorrection
          recordedByName
          createdAt
          checklistItem {
            id
            sortOrder
          }
          evidence {
            ...InspectionEvidenceFile
          }
          correctiveAction {
            id
            status
            dueDate
            workingDaysLeft
            overdue
            responsibleUnit {
              name
            }
          }
        }
        evidence {
          ...InspectionEvidenceFile
        }
        timeline(first: 50) {
          totalCount
          edges {
            node {
              id
              at
              actor {
                name
              }
              summary
            }
          }
        }
      }
    }
  `,
  [EvidenceFile],
);

/** The commands that are not offline changes: each answers with the inspection or a refusal. */
const START = graphql(
  `
    mutation StartInspection($input: StartInspectionInput!) {
      result: startInspection(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const RESCHEDULE = graphql(
  `
    mutation RescheduleInspection($input: RescheduleInspectionInput!) {
      result: rescheduleInspection(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const CANCEL = graphql(
  `
    mutation CancelInspection($input: CancelInspectionInput!) {
      result: cancelInspection(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const CLOSE = graphql(
  `
    mutation CloseInspection($input: CloseInspectionInput!) {
      result: closeInspection(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const { inspection } = await execute(event, INSPECTION_PAGE_QUERY, { id: event.params.id });
  if (!inspection) error(404, 'Not found');
  const done = event.url.searchParams.get('done');
  return {
    inspection: { ...inspection, timeline: inspection.timeline.edges.map((edge) => edge.node) },
    timelineCount: inspection.timeline.totalCount,
    done: isInspectionDone(done) ? done : null,
    // One request ID per form and rendering (each checklist item has its own): a double submit
    // or a retried POST is applied once.
    requestIds: {
      start: crypto.randomUUID(),
      reschedule: crypto.randomUUID(),
      cancel: crypto.randomUUID(),
      close: crypto.randomUUID(),
      finding: crypto.randomUUID(),
    },
    itemRequestIds: Object.fromEntries(inspection.checklist.map((item) => [item.id, crypto.randomUUID()])),
    findingId: crypto.randomUUID(),
    today: new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10),
  };
};

type UploadAnswer =
  { evidence: { id: string }[] } | { error: { code: string; message: string; field: string | null } };

/**
 * Sends a change's files to /evidence (the API's upload route, as any client would), one request
 * per file with its client ID: a form sent again finds its files already there.
 */
async function upload(
  event: RequestEvent,
  files: ChangeFile[],
): Promise<{ ids: string[] } | { message: string; ids: string[] }> {
  const ids: string[] = [];
  for (const file of files) {
    const response = await event.fetch('/evidence', {
      method: 'POST',
      headers: { accept: 'application/json', 'accept-language': event.locals.locale },
      body: uploadForm(event.params.id ?? '', file),
    });
    if (response.status === 401)
      redirect(303, `/login?expired=1&next=${encodeURIComponent(event.url.pathname)}`);
    const answer = (await response.json()) as UploadAnswer;
    if ('error' in answer) return { message: `${file.file.name}: ${answer.error.message}`, ids };
    ids.push(...answer.evidence.map((row) => row.id));
  }
  return { ids };
}

/** The posted form, or null when it was over the server's body limit (nothing could be read). */
async function formData(event: RequestEvent): Promise<FormData | null> {
  try {
    return await event.request.formData();
  } catch {
    return null;
  }
}

const textFields = (form: FormData): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, value] of form)
    if (typeof value === 'string' && name !== 'evidenceId') values[name] = value;
  return values;
};

/**
 * A refused form comes back with what was typed, the messages by field, a new request ID (the
 * corrected form is a new request) and the files already uploaded, kept with it.
 */
function refused(
  form: string,
  values: Record<string, string>,
  errors: { message: string; fields: Record<string, string> },
  uploaded: string[] = [],
  status = 400,
) {
  return fail(status, { form, values, uploaded, requestId: crypto.randomUUID(), ...errors });
}

function outcome(
  event: RequestEvent,
  form: string,
  values: Record<string, string>,
  result: Refusal,
  done: InspectionDone,
  uploaded: string[] = [],
) {
  if (result.__typename !== 'Inspection') return refused(form, values, formErrors(result), uploaded);
  redirect(
    303,
    `${event.url.pathname}?done=${done}${form.startsWith('item:') ? `#item-${form.slice(5)}` : ''}`,
  );
}

const tooLarge = (form: string) =>
  refused(
    form,
    {},
    { message: '', fields: { file: m.insp_file_too_large({ max: evidenceMaxBytes() / 1024 / 1024 }) } },
    [],
    413,
  );

const ids = (event: RequestEvent, form: Record<string, string>) => ({
  requestId: form.requestId || null,
  inspectionId: event.params.id ?? '',
});

export const actions: Actions = {
  // A checklist item's result (the button pressed), note and photos.
  result: async (event) => {
    const posted = await formData(event);
    if (!posted) return tooLarge('item');
    const change = checklistResultChange(event.params.id ?? '', posted);
    const name = `item:${change.checklistItemId}`;
    const values = textFields(posted);
    if (!change.result)
      return refused(name, values, { message: '', fields: { result: m.insp_result_choose() } });
    const sent = await upload(event, change.files);
    const uploaded = [...change.evidenceIds, ...sent.ids];
    if ('message' in sent)
      return refused(name, values, { message: '', fields: { photo: sent.message } }, uploaded);
    const { result } = await execute(event, RECORD_CHECKLIST_RESULT, {
      input: checklistResultInput({ ...change, result: change.result }, sent.ids),
    });
    return outcome(event, name, values, result, 'recorded', uploaded);
  },
  finding: async (event) => {
    const posted = await formData(event);
    if (!posted) return tooLarge('finding');
    const change = findingChange(event.params.id ?? '', posted);
    const values = textFields(posted);
    if (!change.severity)
      return refused('finding', values, {
        message: '',
        fields: { severity: m.insp_finding_choose_severity() },
      });
    const sent = await upload(event, change.files);
    const uploaded = [...change.evidenceIds, ...sent.ids];
    if ('message' in sent)
      return refused('finding', values, { message: '', fields: { file: sent.message } }, uploaded);
    const { result } = await execute(event, RECORD_FINDING, {
      input: findingInput({ ...change, severity: change.severity }, sent.ids),
    });
    return outcome(event, 'finding', values, result, 'findingRecorded', uploaded);
  },
  start: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, START, { input: ids(event, form) });
    return outcome(event, 'start', form, result, 'started');
  },
  reschedule: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, RESCHEDULE, {
      input: { ...ids(event, form), date: form.date ?? '' },
    });
    return outcome(event, 'reschedule', form, result, 'rescheduled');
  },
  // Cancelling and closing cannot be undone: the first submit only asks (works without JavaScript).
  cancel: async (event) => {
    const form = await readForm(event.request);
    if (form.confirm !== 'yes') return { form: 'cancel' as const, confirm: true, values: { ...form } };
    const { result } = await execute(event, CANCEL, {
      input: { ...ids(event, form), reason: form.reason ?? '' },
    });
    return outcome(event, 'cancel', form, result, 'cancelled');
  },
  close: async (event) => {
    const form = await readForm(event.request);
    if (form.confirm !== 'yes') return { form: 'close' as const, confirm: true, values: { ...form } };
    const { result } = await execute(event, CLOSE, {
      input: { ...ids(event, form), summary: form.summary ?? '' },
    });
    return outcome(event, 'close', form, result, 'closed');
  },
};
