import type { PageServerLoad } from './$types';
import { execute } from '#lib/server/graphql.ts';
import { DASHBOARD_QUERY, MY_WORK_QUERY, REVIEW_COUNTS_QUERY } from '#lib/queries.ts';

export const load: PageServerLoad = async (event) => {
  const roles = event.locals.user?.roles ?? [];
  const reporter = roles.some((r) => r.role === 'UNIT_HEAD' || r.role === 'UNIT_STAFF');
  // Staff only report on their unit's tasks: their home is "my work" alone. Unit heads (and
  // anyone with another role as well) see the plans below it.
  const plansToo = roles.some((r) => r.role !== 'UNIT_STAFF');
  // The committee sees first what waits for its decision.
  const reviewer = roles.some((r) => r.role === 'STEERING');
  const [work, plans, review] = await Promise.all([
    reporter ? execute(event, MY_WORK_QUERY) : null,
    plansToo ? execute(event, DASHBOARD_QUERY) : null,
    reviewer ? execute(event, REVIEW_COUNTS_QUERY) : null,
  ]);
  return {
    myWork: work
      ? {
          tasks: work.myWork.edges.map((edge) => edge.node),
          totalCount: work.myWork.totalCount,
          counts: work.myWork.counts,
        }
      : null,
    plans: plans ? plans.plans.edges.map((edge) => edge.node) : null,
    totalPlans: plans?.plans.totalCount ?? 0,
    review: review ? review.reviewQueue.counts : null,
  };
};
