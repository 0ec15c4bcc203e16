import type { PageServerLoad } from './$types';
import { graphql } from '#lib/server/graphql.ts';

interface Tasks {
  tasks: {
    id: string;
    title: string;
    status: string;
    progress: number;
    dueDate: string;
    assigneeUnit: { name: string };
    plan: { title: string };
  }[];
}

export const load: PageServerLoad = (event) =>
  graphql<Tasks>(
    event,
    '{ tasks { id title status progress dueDate assigneeUnit { name } plan { title } } }',
  );
