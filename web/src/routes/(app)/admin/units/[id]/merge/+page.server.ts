import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { AdminErrorFields, adminFormErrors } from '../../../forms.ts';

const PREVIEW = graphql(
  `
    query AdminMergerPreview($from: ID!, $to: ID!) {
      unitMergerPreview(fromUnitId: $from, toUnitId: $to) {
        __typename
        ... on MergerPreview {
          from {
            id
            name
          }
          to {
            id
            name
          }
          openTaskCount
          openTasks {
            id
            title
            statusLabel
            dueDate
          }
          openCorrectiveCount
          people {
            userId
            name
            roleLabel
          }
          inspectionsStaying
        }
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

const MERGE = graphql(
  `
    mutation AdminMergeUnits($input: MergeUnitsInput!) {
      mergeUnits(input: $input) {
        __typename
        ... on UnitMerger {
          tasksMoved
          correctiveMoved
          done
        }
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const into = event.url.searchParams.get('into');
  if (!into) redirect(303, `/admin/units/${event.params.id}`);
  const { unitMergerPreview: preview } = await execute(event, PREVIEW, { from: event.params.id, to: into });
  if (preview.__typename === 'NotFoundError') error(404, m.adm_none_found());
  return {
    into,
    preview: preview.__typename === 'MergerPreview' ? preview : null,
    refused: preview.__typename === 'MergerPreview' ? null : preview.message,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm<'into' | 'reason' | 'fromName'>(event.request);
    const { mergeUnits } = await execute(event, MERGE, {
      input: { fromUnitId: event.params.id, toUnitId: form.into, reason: form.reason },
    });
    if (mergeUnits.__typename !== 'UnitMerger')
      return fail(400, { values: form, ...adminFormErrors(mergeUnits, ['reason']) });
    const params = new URLSearchParams({
      merged: form.fromName,
      tasks: String(mergeUnits.tasksMoved),
      corrective: String(mergeUnits.correctiveMoved),
      done: mergeUnits.done ? '1' : '0',
    });
    redirect(303, `/admin/units/${form.into}?${params}`);
  },
};
