import type { PageServerLoad } from './$types';
import { graphql } from '#lib/server/graphql.ts';

interface Plans {
  plans: {
    id: string;
    title: string;
    year: number;
    status: string;
    completion: number;
    issuingUnit: { name: string };
    tasks: { totalCount: number };
  }[];
}

export const load: PageServerLoad = async (event) =>
  graphql<Plans>(
    event,
    '{ plans { id title year status completion issuingUnit { name } tasks { totalCount } } }',
  );
