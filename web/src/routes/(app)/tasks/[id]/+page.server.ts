import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';

/** The statuses in which the task's workflow takes a progress report. */
const REPORTABLE = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

interface TaskPage {
  task: {
    id: string;
    title: string;
    description: string;
    status: string;
    progress: number;
    dueDate: string;
    indicatorTarget: string | null;
    plan: { id: string; title: string };
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

export const load: PageServerLoad = async (event) => {
  const { task } = await graphql<TaskPage>(
    event,
    `
      query ($id: ID!) {
        task(id: $id) {
          id
          title
          description
          status
          progress
          dueDate
          indicatorTarget
          plan {
            id
            title
          }
          area {
            name
          }
          assigneeUnit {
            id
            name
          }
          reports(first: 100) {
            totalCount
            edges {
              node {
                id
                percent
                note
                indicatorValue
                authorName
                createdAt
              }
            }
          }
        }
      }
    `,
    { id: event.params.id },
  );
  if (!task) error(404, 'Not found');
  const isAssignee =
    event.locals.user?.roles.some(
      (r) => (r.role === 'UNIT_HEAD' || r.role === 'UNIT_STAFF') && r.unitId === task.assigneeUnit.id,
    ) ?? false;
  // A COMPLETED, CANCELLED or SUBMITTED task would only refuse a report: no form for it.
  const canReport = isAssignee && REPORTABLE.includes(task.status);
  const reportClosed = isAssignee && !canReport;
  const reports = task.reports.edges.map((edge) => edge.node);
  return {
    task: { ...task, reports },
    reportCount: task.reports.totalCount,
    canReport,
    reportClosed,
    requestId: crypto.randomUUID(),
  };
};

interface Report {
  reportProgress: {
    __typename: string;
    progress?: number;
    message?: string;
    issues?: { field: string; message: string }[];
  };
}

export const actions: Actions = {
  report: async (event) => {
    const form = await readForm(event.request);
    const percent = Number(form.percent);
    const { reportProgress } = await graphql<Report>(
      event,
      `
        mutation ($input: ReportProgressInput!) {
          reportProgress(input: $input) {
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
      // Nothing was recorded: the corrected form is a new request.
      return fail(400, { values: form, requestId: crypto.randomUUID(), ...formErrors(reportProgress) });
    return { saved: reportProgress.progress ?? percent };
  },
};
