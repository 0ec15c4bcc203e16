import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { isDone, type Done } from '#lib/i18n.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors, type Refusal } from '#lib/server/graphql.ts';
import { TASK_PAGE_QUERY } from '#lib/queries.ts';
import { m } from '#lib/paraglide/messages.js';
import { MAX_EVIDENCE_FILES, evidenceMaxBytes } from '../../../../../../api/src/evidence/http.ts';

/** The forms of the task page, one fresh request ID each per rendering. */
const FORMS = ['report', 'accept', 'submit', 'extension', 'review', 'decide', 'reassign', 'cancel'] as const;
type FormName = (typeof FORMS)[number];

export const load: PageServerLoad = async (event) => {
  const { task } = await execute(event, TASK_PAGE_QUERY, { id: event.params.id });
  if (!task) error(404, 'Not found');
  const isAssignee =
    event.locals.user?.roles.some(
      (r) => (r.role === 'UNIT_HEAD' || r.role === 'UNIT_STAFF') && r.unitId === task.assigneeUnit.id,
    ) ?? false;
  const reports = task.reports.edges.map((edge) => edge.node);
  const timeline = task.timeline.edges.map((edge) => edge.node);
  const done = event.url.searchParams.get('done');
  return {
    task: { ...task, reports, timeline },
    reportCount: task.reports.totalCount,
    timelineCount: task.timeline.totalCount,
    // An assignee sees why no report form is shown (a closed or submitted task).
    reportClosed: isAssignee && !task.viewerCan.report,
    done: isDone(done) ? done : null,
    requestIds: Object.fromEntries(FORMS.map((name) => [name, crypto.randomUUID()])),
    // (Typed here: ESLint's view of the web project does not resolve the API module's types.)
    evidence: { maxMegabytes: evidenceMaxBytes() / 1024 / 1024, maxFiles: MAX_EVIDENCE_FILES as number },
    today: todayInVietnam(),
  };
};

/** Today in Vietnam (YYYY-MM-DD): the latest day evidence can be about. */
const todayInVietnam = () => new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** An evidence file already uploaded with a refused report, offered again with the corrected form. */
interface UploadedFile {
  id: string;
  fileName: string;
  sizeBytes: number;
}

type UploadAnswer =
  { evidence: UploadedFile[] } | { error: { code: string; message: string; field: string | null } };

/**
 * Sends the report form's files to /evidence (the API's upload route, as any client would),
 * with the day they are about; their IDs, or the refusal to show next to the file field.
 */
async function uploadEvidence(
  event: RequestEvent,
  files: File[],
  aboutDate: string,
): Promise<{ uploaded: UploadedFile[] } | { field: string; message: string }> {
  const body = new FormData();
  body.append('taskId', event.params.id ?? '');
  if (aboutDate) body.append('aboutDate', aboutDate);
  for (const file of files) body.append('file', file, file.name);
  const response = await event.fetch('/evidence', {
    method: 'POST',
    headers: { accept: 'application/json', 'accept-language': event.locals.locale },
    body,
  });
  if (response.status === 401)
    redirect(303, `/login?expired=1&next=${encodeURIComponent(event.url.pathname)}`);
  const answer = (await response.json()) as UploadAnswer;
  if ('evidence' in answer) return { uploaded: answer.evidence };
  return { field: answer.error.field === 'aboutDate' ? 'aboutDate' : 'file', message: answer.error.message };
}

// The task commands: each result is the task (its progress) or a refusal with its messages.
const REPORT_PROGRESS = graphql(
  `
    mutation ReportProgress($input: ReportProgressInput!) {
      result: reportProgress(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const ACCEPT = graphql(
  `
    mutation AcceptTask($input: AcceptTaskInput!) {
      result: acceptTask(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const SUBMIT = graphql(
  `
    mutation SubmitTask($input: SubmitTaskInput!) {
      result: submitTask(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const REQUEST_EXTENSION = graphql(
  `
    mutation RequestTaskExtension($input: RequestTaskExtensionInput!) {
      result: requestTaskExtension(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const REVIEW = graphql(
  `
    mutation ReviewTask($input: ReviewTaskInput!) {
      result: reviewTask(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const DECIDE = graphql(
  `
    mutation DecideTaskExtension($input: DecideTaskExtensionInput!) {
      result: decideTaskExtension(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const REASSIGN = graphql(
  `
    mutation ReassignTask($input: ReassignTaskInput!) {
      result: reassignTask(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const CANCEL = graphql(
  `
    mutation CancelTask($input: CancelTaskInput!) {
      result: cancelTask(input: $input) {
        __typename
        ... on Task {
          progress
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

/**
 * After a task command: on a refusal the form comes back with what was typed, the messages by
 * field and a new request ID (nothing was recorded: the corrected form is a new request); on
 * success the page is loaded again with a status message.
 */
function outcome(
  event: RequestEvent,
  form: FormName,
  values: Record<string, string>,
  result: Refusal,
  done: Done,
) {
  if (result.__typename !== 'Task') {
    return fail(400, { form, values: { ...values }, requestId: crypto.randomUUID(), ...formErrors(result) });
  }
  redirect(303, `${event.url.pathname}?done=${done}`);
}

/** The IDs every task command carries: the form's request ID (one per rendering) and the task. */
const ids = (event: RequestEvent, form: Record<string, string>) => ({
  requestId: form.requestId || null,
  taskId: event.params.id ?? '',
});

export const actions: Actions = {
  report: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch {
      // Over the server's body limit (web/serve.js): nothing of the form could be read.
      const values: Record<string, string> = {};
      const fields: Record<string, string> = {
        file: m.task_evidence_too_large({ max: evidenceMaxBytes() / 1024 / 1024 }),
      };
      return fail(413, {
        form: 'report' as const,
        values,
        uploaded: [] as UploadedFile[],
        requestId: crypto.randomUUID(),
        message: '',
        fields,
      });
    }
    const form: Record<string, string> = {};
    for (const [name, value] of posted)
      if (typeof value === 'string' && name !== 'evidenceId') form[name] = value;
    const percent = Number(form.percent);
    // Files uploaded with an earlier, refused send of this form (still ticked), then the new ones.
    const kept = new Set(posted.getAll('evidenceId').filter((id): id is string => typeof id === 'string'));
    let uploaded: UploadedFile[] = [];
    try {
      const earlier = JSON.parse(form.uploaded || '[]') as UploadedFile[];
      uploaded = Array.isArray(earlier) ? earlier.filter((file) => kept.has(file.id)) : [];
    } catch {
      uploaded = [];
    }
    delete form.uploaded;
    const refused = (status: number, errors: { message: string; fields: Record<string, string> }) =>
      fail(status, {
        form: 'report' as const,
        values: { ...form },
        uploaded,
        requestId: crypto.randomUUID(),
        ...errors,
      });
    // An empty file field still sends a part with no name and no bytes.
    const files = posted
      .getAll('file')
      .filter((value): value is File => typeof value !== 'string' && (value.size > 0 || value.name !== ''));
    if (files.length > 0) {
      const sent = await uploadEvidence(event, files, form.aboutDate ?? '');
      if ('message' in sent) return refused(400, { message: '', fields: { [sent.field]: sent.message } });
      uploaded = [...uploaded, ...sent.uploaded];
    }
    const { result: reportProgress } = await execute(event, REPORT_PROGRESS, {
      input: {
        // One ID per rendered form: a double submit or a retried POST records one report.
        requestId: form.requestId || null,
        taskId: event.params.id ?? '',
        percent: Number.isInteger(percent) ? percent : -1,
        indicatorValue: form.indicatorValue || null,
        note: form.note ?? '',
        reason: form.reason || null,
        evidenceIds: uploaded.map((file) => file.id),
      },
    });
    if (reportProgress.__typename !== 'Task') return refused(400, formErrors(reportProgress));
    return { saved: reportProgress.progress, attached: uploaded.length };
  },
  // The head names the responsible official among the unit's officials (themselves by default).
  accept: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, ACCEPT, {
      input: { ...ids(event, form), responsibleUserId: form.responsibleUserId || null },
    });
    return outcome(event, 'accept', form, result, 'accepted');
  },
  submit: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, SUBMIT, {
      input: {
        ...ids(event, form),
        ...{ note: form.note ?? '', indicatorValue: form.indicatorValue || null },
      },
    });
    return outcome(event, 'submit', form, result, 'submitted');
  },
  extension: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, REQUEST_EXTENSION, {
      input: { ...ids(event, form), newDueDate: form.newDueDate ?? '', reason: form.reason ?? '' },
    });
    return outcome(event, 'extension', form, result, 'extensionRequested');
  },
  review: async (event) => {
    const form = await readForm(event.request);
    const accept = form.decision === 'ACCEPT';
    const { result } = await execute(event, REVIEW, {
      input: {
        ...ids(event, form),
        ...{ decision: accept ? 'ACCEPT' : 'RETURN', reason: accept ? null : form.reason || null },
      },
    });
    return outcome(event, 'review', form, result, accept ? 'accepted-review' : 'returned');
  },
  decide: async (event) => {
    const form = await readForm(event.request);
    const grant = form.grant === 'yes';
    const { result } = await execute(event, DECIDE, {
      input: { ...ids(event, form), grant, reason: form.reason || null },
    });
    return outcome(event, 'decide', form, result, grant ? 'granted' : 'refused');
  },
  reassign: async (event) => {
    const form = await readForm(event.request);
    const { result } = await execute(event, REASSIGN, {
      input: {
        ...ids(event, form),
        ...{ assigneeUnitId: form.assigneeUnitId ?? '', reason: form.reason ?? '' },
      },
    });
    return outcome(event, 'reassign', form, result, 'reassigned');
  },
  // Destructive: the first submit only asks for confirmation (works without JavaScript).
  cancel: async (event) => {
    const form = await readForm(event.request);
    if (form.confirm !== 'yes') {
      return { form: 'cancel' as const, confirmCancel: true, values: { ...form } };
    }
    const { result } = await execute(event, CANCEL, {
      input: { ...ids(event, form), reason: form.reason ?? '' },
    });
    return outcome(event, 'cancel', form, result, 'cancelled');
  },
};
