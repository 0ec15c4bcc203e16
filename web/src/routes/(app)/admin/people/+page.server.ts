import type { PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { executeOrRefused } from '#lib/server/graphql.ts';

const PEOPLE = graphql(`
  query AdminPeople($search: String, $after: String) {
    adminUsers(first: 50, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          email
          active
          roles {
            id
            role
            unit {
              name
            }
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('q')?.trim() ?? '';
  const result = await executeOrRefused(event, PEOPLE, {
    search: search || null,
    after: event.url.searchParams.get('after'),
  });
  if (!result.data)
    return { search, people: [], totalCount: 0, nextCursor: null, refused: result.refused.message };
  const { adminUsers } = result.data;
  return {
    search,
    people: adminUsers.edges.map(({ node }) => node),
    totalCount: adminUsers.totalCount,
    nextCursor: adminUsers.pageInfo.hasNextPage ? adminUsers.pageInfo.endCursor : null,
    refused: null,
  };
};
