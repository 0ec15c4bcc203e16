import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';
import { TASK_PAGE_QUERY } from '#lib/queries.ts';
import { t } from '#lib/i18n.ts';
import { MAX_EVIDENCE_FILES, evidenceMaxBytes } from '../../../../../../api/src/evidence/http.ts';

/** The forms of the task page, one fresh request ID each per rendering. */
const FORMS = ['report', 'accept', 'submit', 'extension', 'review', 'decide', 'reassign', 'cancel'] as const;
type FormName = (typeof FORMS)[number];

interface TaskActions {
  accept: boolean;
  cancel: boolean;
  decideExtension: boolean;
  reassign: boolean;
  report: boolean;
  requestExtension: boolean;
  review: boolean;
  submit: boolean;
}

interface TaskPage {
  task: {
    id: string;
    title: string;
    description: string;
    status: string;
    progress: number;
    dueDate: string;
    indicatorTarget: string | null;
    responsibleName: string | null;
    urgency: 'OVERDUE' | 'DUE_SOON' | 'LATER' | null;
    workingDaysLeft: number | null;
    pendingExtension: { reason: string; requestedAt: string; requestedDueDate: string } | null;
    viewerCan: TaskActions;
    plan: { id: string; title: string; assignableUnits: { id: string; name: string }[] };
    area: { name: string };
    assigneeUnit: {
      id: string;
      name: string;
      /** The unit's heads and staff (heads first): who may be named responsible on accepting. */
      officials: { id: string; name: string; role: 'UNIT_HEAD' | 'UNIT_STAFF'; roleLabel: string }[];
    };
    /** As Timeline.svelte shows it. */
    timeline: {
      totalCount: number;
      edges: { node: { id: string; at: string; actor: { name: string } | null; summary: string } }[];
    };
    reports: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          percent: number;
          note: string;
          indicatorValue: string | null;
          authorName: string;
          createdAt: string;
          evidence: {
            id: string;
            fileName: string;
            sizeBytes: number;
            aboutDate: string | null;
            receivedAt: string;
            downloadUrl: string;
          }[];
        };
      }[];
    };
  } | null;
}

/** Which command just succeeded (the status message after the redirect). */
const DONE = [
  'accepted',
  'submitted',
  'extensionRequested',
  'accepted-review',
  'returned',
  'granted',
  'refused',
  'reassigned',
  'cancelled',
];

export const load: PageServerLoad = async (event) => {
  const { task } = await graphql<TaskPage>(event, TASK_PAGE_QUERY, { id: event.params.id });
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
    done: done && DONE.includes(done) ? done : null,
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

interface CommandResult {
  __typename: string;
  progress?: number;
  message?: string;
  issues?: { field: string; message: string }[];
}

const RESULT = `
  __typename
  ... on Task {
    progress
  }
  ... on Error {
    message
  }
  ... on InvalidInputError {
    issues {
      field
      message
    }
  }
`;

/**
 * Sends one task command; on a refusal the form comes back with what was typed, the messages by
 * field and a new request ID (nothing was recorded: the corrected form is a new request); on
 * success the page is loaded again with a status message.
 */
async function command(
  event: RequestEvent,
  form: FormName,
  mutation: string,
  inputType: string,
  values: Record<string, string>,
  input: Record<string, unknown>,
  done: string,
) {
  const data = await graphql<Record<string, CommandResult>>(
    event,
    `mutation ($input: ${inputType}!) { result: ${mutation}(input: $input) { ${RESULT} } }`,
    { input: { requestId: values.requestId || null, taskId: event.params.id, ...input } },
  );
  const result = data.result!;
  if (result.__typename !== 'Task') {
    return fail(400, { form, values: { ...values }, requestId: crypto.randomUUID(), ...formErrors(result) });
  }
  redirect(303, `${event.url.pathname}?done=${done}`);
}

export const actions: Actions = {
  report: async (event) => {
    let posted: FormData;
    try {
      posted = await event.request.formData();
    } catch {
      // Over the server's body limit (web/serve.js): nothing of the form could be read.
      const values: Record<string, string> = {};
      const fields: Record<string, string> = {
        file: t(event.locals.locale, 'task.evidence.tooLarge', { max: evidenceMaxBytes() / 1024 / 1024 }),
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
    const { reportProgress } = await graphql<{ reportProgress: CommandResult }>(
      event,
      `
        mutation ($input: ReportProgressInput!) {
          reportProgress(input: $input) {
            ${RESULT}
          }
        }
      `,
      {
        input: {
          // One ID per rendered form: a double submit or a retried POST records one report.
          requestId: form.requestId || null,
          taskId: event.params.id,
          percent: Number.isInteger(percent) ? percent : -1,
          indicatorValue: form.indicatorValue || null,
          note: form.note ?? '',
          reason: form.reason || null,
          evidenceIds: uploaded.map((file) => file.id),
        },
      },
    );
    if (reportProgress.__typename !== 'Task') return refused(400, formErrors(reportProgress));
    return { saved: reportProgress.progress ?? percent, attached: uploaded.length };
  },
  // The head names the responsible official among the unit's officials (themselves by default).
  accept: async (event) => {
    const form = await readForm(event.request);
    return command(
      event,
      'accept',
      'acceptTask',
      'AcceptTaskInput',
      form,
      { responsibleUserId: form.responsibleUserId || null },
      'accepted',
    );
  },
  submit: async (event) => {
    const form = await readForm(event.request);
    return command(
      event,
      'submit',
      'submitTask',
      'SubmitTaskInput',
      form,
      { note: form.note, indicatorValue: form.indicatorValue || null },
      'submitted',
    );
  },
  extension: async (event) => {
    const form = await readForm(event.request);
    return command(
      event,
      'extension',
      'requestTaskExtension',
      'RequestTaskExtensionInput',
      form,
      { newDueDate: form.newDueDate, reason: form.reason },
      'extensionRequested',
    );
  },
  review: async (event) => {
    const form = await readForm(event.request);
    const accept = form.decision === 'ACCEPT';
    return command(
      event,
      'review',
      'reviewTask',
      'ReviewTaskInput',
      form,
      { decision: accept ? 'ACCEPT' : 'RETURN', reason: accept ? null : form.reason || null },
      accept ? 'accepted-review' : 'returned',
    );
  },
  decide: async (event) => {
    const form = await readForm(event.request);
    const grant = form.grant === 'yes';
    return command(
      event,
      'decide',
      'decideTaskExtension',
      'DecideTaskExtensionInput',
      form,
      { grant, reason: form.reason || null },
      grant ? 'granted' : 'refused',
    );
  },
  reassign: async (event) => {
    const form = await readForm(event.request);
    return command(
      event,
      'reassign',
      'reassignTask',
      'ReassignTaskInput',
      form,
      { assigneeUnitId: form.assigneeUnitId, reason: form.reason },
      'reassigned',
    );
  },
  // Destructive: the first submit only asks for confirmation (works without JavaScript).
  cancel: async (event) => {
    const form = await readForm(event.request);
    if (form.confirm !== 'yes') {
      return { form: 'cancel' as const, confirmCancel: true, values: { ...form } };
    }
    return command(
      event,
      'cancel',
      'cancelTask',
      'CancelTaskInput',
      form,
      { reason: form.reason },
      'cancelled',
    );
  },
};
