import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { isCorrectiveDone, type CorrectiveDone } from '#lib/i18n.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors, type Refusal } from '#lib/server/graphql.ts';
import { MAX_EVIDENCE_FILES, evidenceMaxBytes } from '../../../../../../api/src/evidence/http.ts';

/** The forms of the page, one fresh request ID each per rendering. */
const FORMS = ['submit', 'extension', 'verify', 'reject', 'decide'] as const;
type FormName = (typeof FORMS)[number];

const EVIDENCE_FIELDS = graphql(`
  fragment CorrectiveEvidenceFields on Evidence {
    id
    fileName
    mimeType
    sizeBytes
    receivedAt
    downloadUrl
  }
`);

const PAGE = graphql(
  `
    query CorrectivePage($id: ID!) {
      correctiveAction(id: $id) {
        id
        status
        round
        dueDate
        severity
        escalationLevel
        reinspect
        verifiedAt
        workingDaysLeft
        overdue
        lastRejection
        finding {
          id
          description
          severity
          recordedByName
          createdAt
          checklistItem {
            text
          }
          evidence {
            ...CorrectiveEvidenceFields
          }
        }
        inspection {
          id
          title
        }
        responsibleUnit {
          id
          name
        }
        rounds {
          number
          remedy
          submittedByName
          submittedAt
          verdict
          verdictReason
          verifiedByName
          verifiedAt
          evidence {
            ...CorrectiveEvidenceFields
          }
        }
        pendingExtension {
          reason
          requestedAt
          requestedDueDate
        }
        evidence {
          ...CorrectiveEvidenceFields
        }
        viewerCan {
          submit
          verify
          reject
          requestExtension
          decideExtension
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
  [EVIDENCE_FIELDS],
);

export const load: PageServerLoad = async (event) => {
  const { correctiveAction: action } = await execute(event, PAGE, { id: event.params.id });
  if (!action) error(404, 'Not found');
  const done = event.url.searchParams.get('done');
  return {
    action: { ...action, timeline: action.timeline.edges.map((edge) => edge.node) },
    timelineCount: action.timeline.totalCount,
    done: isCorrectiveDone(done) ? done : null,
    requestIds: Object.fromEntries(FORMS.map((name) => [name, crypto.randomUUID()])),
    // (Typed here: ESLint's view of the web project does not resolve the API module's types.)
    evidence: { maxMegabytes: evidenceMaxBytes() / 1024 / 1024, maxFiles: MAX_EVIDENCE_FILES as number },
  };
};

type UploadAnswer =
  { evidence: { id: string }[] } | { error: { code: string; message: string; field: string | null } };

/** Sends the answer's files to /evidence (the API's upload route) for this corrective action. */
async function uploadEvidence(
  event: RequestEvent,
  files: File[],
): Promise<{ uploaded: string[] } | { message: string }> {
  const body = new FormData();
  body.append('correctiveActionId', event.params.id ?? '');
  for (const file of files) body.append('file', file, file.name);
  const response = await event.fetch('/evidence', {
    method: 'POST',
    headers: { accept: 'application/json', 'accept-language': event.locals.locale },
    body,
  });
  if (response.status === 401)
    redirect(303, `/login?expired=1&next=${encodeURIComponent(event.url.pathname)}`);
  const answer = (await response.json()) as UploadAnswer;
  if ('evidence' in answer) return { uploaded: answer.evidence.map((file) => file.id) };
  return { message: answer.error.message };
}

const SUBMIT = graphql(
  `
    mutation SubmitCorrection($input: SubmitCorrectionInput!) {
      result: submitCorrection(input: $input) {
        __typename
        ... on CorrectiveAction {
          status
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const REQUEST_EXTENSION = graphql(
  `
    mutation RequestCorrectiveExtension($input: RequestCorrectiveExtensionInput!) {
      result: requestCorrectiveExtension(input: $input) {
        __typename
        ... on CorrectiveAction {
          status
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const VERIFY = graphql(
  `
    mutation VerifyCorrection($input: VerifyCorrectionInput!) {
      result: verifyCorrection(input: $input) {
        __typename
        ... on CorrectiveAction {
          status
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const REJECT = graphql(
  `
    mutation RejectCorrection($input: RejectCorrectionInput!) {
      result: rejectCorrection(input: $input) {
        __typename
        ... on CorrectiveAction {
          status
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const DECIDE = graphql(
  `
    mutation DecideCorrectiveExtension($input: DecideCorrectiveExtensionInput!) {
      result: decideCorrectiveExtension(input: $input) {
        __typename
        ... on CorrectiveAction {
          status
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

/**
 * After a command: on a refusal the form comes back with what was typed, the messages by field
 * and a new request ID (nothing was recorded); on success the page is loaded again with a status
 * message.
 */
function outcome(
  event: RequestEvent,
  form: FormName,
  values: Record<string, string>,
  result: Refusal,
  done: CorrectiveDone,
) {
  if (result.__typename !== 'CorrectiveAction') {
    const errors = formErrors(result);
    const fields: Record<string, string> = {};
    for (const [field, message] of Object.entries(errors.fields))
      fields[field.replace(/^input\./, '')] = message;
    return fail(400, {
      form,
      values: { ...values },
      requestId: crypto.randomUUID(),
      message: errors.message,
      fields,
    });
  }
  redirect(303, `${event.url.pathname}?done=${done}`);
}

/** The IDs every command carries: the form's request ID (one per rendering) and the action. */
const ids = (event: RequestEvent, form: Record<string, string>) => ({
  requestId: form.requestId || null,
  correctiveActionId: event.params.id ?? '',
});

export const actions: Actions = {
  // The unit's answer: the remedy and its files (uploaded first, then attached by ID). Files
  // uploaded with a refused answer stay the uploader's unattached files of this action: the page
  // offers them again, ticked.
  submit: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch {
      // Over the server's body limit (web/serve.js): nothing of the form could be read.
      const nothing: Record<string, string> = {};
      return fail(413, {
        form: 'submit' as const,
        values: nothing,
        requestId: crypto.randomUUID(),
        message: '',
        fields: { file: m.task_evidence_too_large({ max: evidenceMaxBytes() / 1024 / 1024 }) },
      });
    }
    const form: Record<string, string> = {};
    for (const [name, value] of posted)
      if (typeof value === 'string' && name !== 'evidenceId') form[name] = value;
    const kept = posted.getAll('evidenceId').filter((id): id is string => typeof id === 'string');
    // An empty file field still sends a part with no name and no bytes.
    const files = posted
      .getAll('file')
      .filter((value): value is File => typeof value !== 'string' && (value.size > 0 || value.name !== ''));
    let evidenceIds = kept;
    if (files.length > 0) {
      const sent = await uploadEvidence(event, files);
      if ('message' in sent) {
        return fail(400, {
          form: 'submit' as const,
          values: { ...form },
          requestId: crypto.randomUUID(),
          message: '',
          fields: { file: sent.message },
        });
      }
      evidenceIds = [...kept, ...sent.uploaded];
    }
    const { result } = await execute(event, SUBMIT, {
      input: { ...ids(event, form), remedy: form.remedy ?? '', evidenceIds },
    });
    return outcome(event, 'submit', form, result, 'submitted');
  },
  extension: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, REQUEST_EXTENSION, {
      input: {
        ...ids(event, form),
        requestedDueDate: form.requestedDueDate ?? '',
        reason: form.reason ?? '',
      },
    });
    return outcome(event, 'extension', form, result, 'extensionRequested');
  },
  verify: async (event) => {
    const form = await readForm(event.request);
    const reinspect = form.reinspect === 'yes';
    const { result } = await execute(event, VERIFY, {
      input: {
        ...ids(event, form),
        note: form.note || null,
        reinspect,
        reinspectOn: reinspect ? form.reinspectOn || null : null,
      },
    });
    return outcome(event, 'verify', form, result, 'verified');
  },
  reject: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, REJECT, {
      input: { ...ids(event, form), reason: form.reason ?? '', dueDate: form.dueDate || null },
    });
    return outcome(event, 'reject', form, result, 'rejected');
  },
  decide: async (event) => {
    const form = await readForm(event.request);
    const grant = form.grant === 'yes';
    const { result } = await execute(event, DECIDE, {
      input: { ...ids(event, form), grant, note: form.note || null },
    });
    return outcome(event, 'decide', form, result, grant ? 'granted' : 'refused');
  },
};
