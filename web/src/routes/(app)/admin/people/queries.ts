// Operations shared by the people pages of the administration.
import { graphql } from '#lib/graphql.ts';
import type { Role } from '#lib/i18n.ts';

export const ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_STAFF', 'STEERING', 'INSPECTOR', 'ADMIN'];
export const isRole = (value: string): value is Role => (ROLES as string[]).includes(value);

/** Units a role can be given on (live, in tree order): the first 200 of the administrator's. */
export const UNIT_CHOICES = graphql(`
  query AdminUnitChoices {
    adminUnits(first: 200) {
      edges {
        node {
          id
          name
          code
          depth
        }
      }
    }
  }
`);
