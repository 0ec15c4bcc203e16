import type { PageServerLoad } from './$types';
import { graphql } from '#lib/server/graphql.ts';
import { DASHBOARD_QUERY } from '#lib/queries.ts';

interface Plans {
  plans: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        title: string;
        year: number;
        status: string;
        completion: number | null;
        issuingUnit: { name: string };
        tasks: { totalCount: number };
      };
    }[];
  };
}

export const load: PageServerLoad = async (event) => {
  const { plans } = await graphql<Plans>(event, DASHBOARD_QUERY);
  return { plans: plans.edges.map((edge) => edge.node), totalPlans: plans.totalCount };
};
