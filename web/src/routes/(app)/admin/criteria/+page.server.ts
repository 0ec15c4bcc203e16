import type { PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { execute } from '#lib/server/graphql.ts';

const LIST = graphql(`
  query CriteriaSetsPage {
    criteriaSets {
      id
      year
      level
      name
      maxPoints
      publishedAt
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { criteriaSets } = await execute(event, LIST);
  return { sets: criteriaSets };
};
