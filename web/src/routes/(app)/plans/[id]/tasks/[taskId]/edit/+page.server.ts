import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors, type Refusal } from '#lib/server/graphql.ts';

const EDIT_PAGE_QUERY = graphql(`
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
`);

export const load: PageServerLoad = async (event) => {
  const data = await execute(event, EDIT_PAGE_QUERY, {
    id: event.params.taskId,
  });
  const task = data.task;
  if (!task || task.plan.id !== event.params.id) error(404, 'Not found');
  // Only the plan's committee edits; anyone else who may read the task is told so.
  if (!task.plan.viewerCanEdit) error(403, m.plan_task_edit_forbidden());
  return { task, reformAreas: data.reformAreas };
};

const UPDATE_DRAFT_TASK = graphql(
  `
    mutation UpdateDraftTask($input: UpdateDraftTaskInput!) {
      updateDraftTask(input: $input) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

/** A whole number for an Int field; anything else becomes 0, which the API refuses with its message. */
const whole = (value: string | undefined) => {
  const number = Number(value);
  return value && Number.isInteger(number) ? number : 0;
};

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm(event.request);
    const { updateDraftTask } = await execute(event, UPDATE_DRAFT_TASK, {
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
    });
    if (updateDraftTask.__typename !== 'Task') {
      const refusal: Refusal = updateDraftTask;
      const errors = formErrors(refusal);
      if (refusal.field) errors.fields[refusal.field] = refusal.message ?? '';
      const shownByField = !!refusal.field || !!refusal.issues?.length;
      return fail(400, {
        values: { ...form },
        message: shownByField ? '' : errors.message,
        fields: errors.fields,
      });
    }
    redirect(303, `/plans/${encodeURIComponent(event.params.id)}?done=edited`);
  },
};
