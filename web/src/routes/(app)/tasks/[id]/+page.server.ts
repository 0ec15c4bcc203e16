import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';
import { TASK_PAGE_QUERY } from '#lib/queries.ts';

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
    assigneeUnit: { id: string; name: string };
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
  const done = event.url.searchParams.get('done');
  return {
    task: { ...task, reports },
    reportCount: task.reports.totalCount,
    // An assignee sees why no report form is shown (a closed or submitted task).
    reportClosed: isAssignee && !task.viewerCan.report,
    done: done && DONE.includes(done) ? done : null,
    requestIds: Object.fromEntries(FORMS.map((name) => [name, crypto.randomUUID()])),
  };
};

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
    const form = await readForm(event.request);
    const percent = Number(form.percent);
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
        },
      },
    );
    if (reportProgress.__typename !== 'Task')
      return fail(400, {
        form: 'report' as const,
        values: { ...form },
        requestId: crypto.randomUUID(),
        ...formErrors(reportProgress),
      });
    return { saved: reportProgress.progress ?? percent };
  },
  // No list of a unit's officials exists in the API yet: the head accepts as the responsible official.
  accept: async (event) => {
    const form = await readForm(event.request);
    return command(event, 'accept', 'acceptTask', 'AcceptTaskInput', form, {}, 'accepted');
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
