import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { isDone } from '#lib/i18n.ts';
import { graphql } from '#lib/graphql.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors } from '#lib/server/graphql.ts';
import { REVIEW_QUEUE_QUERY } from '#lib/queries.ts';

export const load: PageServerLoad = async (event) => {
  // The queue is the committee's: other roles have no business here.
  if (!event.locals.user?.roles.some((r) => r.role === 'STEERING')) error(403, 'Forbidden');
  const after = event.url.searchParams.get('after');
  const { reviewQueue } = await execute(event, REVIEW_QUEUE_QUERY, { after });
  const done = event.url.searchParams.get('done');
  return {
    items: reviewQueue.edges.map((edge) => ({ ...edge.node, requestId: crypto.randomUUID() })),
    totalCount: reviewQueue.totalCount,
    counts: reviewQueue.counts,
    next: reviewQueue.pageInfo.hasNextPage ? reviewQueue.pageInfo.endCursor : null,
    done: isDone(done) ? done : null,
  };
};

const REVIEW = graphql(
  `
    mutation ReviewTask($input: ReviewTaskInput!) {
      result: reviewTask(input: $input) {
        __typename
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
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

export const actions: Actions = {
  review: async (event) => {
    const form = await readForm<'requestId' | 'taskId' | 'decision' | 'grant' | 'reason'>(event.request);
    const accept = form.decision === 'ACCEPT';
    const { result } = await execute(event, REVIEW, {
      input: {
        requestId: form.requestId || null,
        taskId: form.taskId,
        decision: accept ? 'ACCEPT' : 'RETURN',
        reason: accept ? null : form.reason || null,
      },
    });
    if (result.__typename !== 'Task')
      return fail(400, { taskId: form.taskId, kind: 'REPORT', values: { ...form }, ...formErrors(result) });
    redirect(303, `/review?done=${accept ? 'accepted-review' : 'returned'}`);
  },
  decide: async (event) => {
    const form = await readForm<'requestId' | 'taskId' | 'decision' | 'grant' | 'reason'>(event.request);
    const grant = form.grant === 'yes';
    const { result } = await execute(event, DECIDE, {
      input: { requestId: form.requestId || null, taskId: form.taskId, grant, reason: form.reason || null },
    });
    if (result.__typename !== 'Task')
      return fail(400, {
        taskId: form.taskId,
        kind: 'EXTENSION',
        values: { ...form },
        ...formErrors(result),
      });
    redirect(303, `/review?done=${grant ? 'granted' : 'refused'}`);
  },
};
