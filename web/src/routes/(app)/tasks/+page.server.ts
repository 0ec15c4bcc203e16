import type { PageServerLoad } from './$types';
import { graphql } from '#lib/server/graphql.ts';
import { TASK_LIST_QUERY } from '#lib/queries.ts';

interface Tasks {
  tasks: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        title: string;
        status: string;
        progress: number;
        dueDate: string;
        assigneeUnit: { name: string };
        plan: { title: string };
      };
    }[];
  };
}

export const load: PageServerLoad = async (event) => {
  // `after` pages through the list, 100 tasks at a time.
  const { tasks } = await graphql<Tasks>(event, TASK_LIST_QUERY, {
    after: event.url.searchParams.get('after'),
  });
  return {
    tasks: tasks.edges.map((edge) => edge.node),
    totalCount: tasks.totalCount,
    nextCursor: tasks.pageInfo.hasNextPage ? tasks.pageInfo.endCursor : null,
  };
};
