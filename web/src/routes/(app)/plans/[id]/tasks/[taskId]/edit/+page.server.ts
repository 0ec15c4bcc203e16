import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { t } from '#lib/i18n.ts';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';

interface EditPage {
  task: {
    id: string;
    title: string;
    description: string;
    dueDate: string;
    weight: number;
    indicatorTarget: string | null;
    area: { id: string };
    assigneeUnit: { id: string; name: string };
    plan: {
      id: string;
      title: string;
      status: string;
      viewerCanEdit: boolean;
      issuingUnit: { id: string };
      assignableUnits: { id: string; name: string }[];
    };
  } | null;
  reformAreas: { id: string; name: string }[];
}

const EDIT_PAGE_QUERY = `
  query DraftTaskEdit($id: ID!) {
    task(id: $id) {
      id
      title
      description
      dueDate
      weight
      indicatorTarget
      area {
        id
      }
      assigneeUnit {
        id
        name
      }
      plan {
        id
        title
        status
        viewerCanEdit
        issuingUnit {
          id
        }
        assignableUnits {
          id
          name
        }
      }
    }
    reformAreas {
      id
      name
    }
  }
`;

export const load: PageServerLoad = async (event) => {
  const data = await graphql<EditPage>(event, EDIT_PAGE_QUERY, { id: event.params.taskId });
  const task = data.task;
  if (!task || task.plan.id !== event.params.id) error(404, 'Not found');
  // Only the plan's committee edits; anyone else who may read the task is told so.
  if (!task.plan.viewerCanEdit) error(403, t(event.locals.locale, 'plan.taskEdit.forbidden'));
  return { task, reformAreas: data.reformAreas };
};

interface UpdateResult {
  __typename: string;
  message?: string;
  issues?: { field: string; message: string }[];
  field?: string | null;
}

/** A whole number for an Int field; anything else becomes 0, which the API refuses with its message. */
const whole = (value: string | undefined) => {
  const number = Number(value);
  return value && Number.isInteger(number) ? number : 0;
};

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm(event.request);
    const { updateDraftTask } = await graphql<{ updateDraftTask: UpdateResult }>(
      event,
      `
        mutation ($input: UpdateDraftTaskInput!) {
          updateDraftTask(input: $input) {
            __typename
            ... on Error {
              message
            }
            ... on InvalidInputError {
              issues {
                field
                message
              }
            }
            ... on NotFoundError {
              field
            }
          }
        }
      `,
      {
        input: {
          taskId: event.params.taskId,
          title: form.title ?? '',
          description: form.description ?? '',
          areaId: form.areaId || null,
          assigneeUnitId: form.assigneeUnitId || null,
          dueDate: form.dueDate ?? '',
          weight: whole(form.weight),
          indicatorTarget: form.indicatorTarget ?? '',
        },
      },
    );
    if (updateDraftTask.__typename !== 'Task') {
      const errors = formErrors(updateDraftTask);
      if (updateDraftTask.field) errors.fields[updateDraftTask.field] = updateDraftTask.message ?? '';
      const shownByField = !!updateDraftTask.field || !!updateDraftTask.issues?.length;
      return fail(400, {
        values: { ...form },
        message: shownByField ? '' : errors.message,
        fields: errors.fields,
      });
    }
    redirect(303, `/plans/${encodeURIComponent(event.params.id)}?done=edited`);
  },
};
