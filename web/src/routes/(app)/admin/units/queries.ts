// Operations shared by the unit pages of the administration.
import { graphql } from '#lib/graphql.ts';
import type { UnitLevel } from '#lib/i18n.ts';
import { m } from '#lib/paraglide/messages.js';
import { AdminErrorFields } from '../forms.ts';

export const UNIT_LEVELS: readonly UnitLevel[] = [
  'PROVINCE',
  'DEPARTMENT',
  'DISTRICT',
  'COMMUNE',
  'TOWN',
  'WARD',
  'AGENCY',
];

/** One unit's level in words ("Xã", "Commune"); the shared labels are plural, for filters. */
export const levelLabel = (level: UnitLevel): string =>
  ({
    PROVINCE: m.adm_level_PROVINCE,
    DEPARTMENT: m.adm_level_DEPARTMENT,
    DISTRICT: m.adm_level_DISTRICT,
    COMMUNE: m.adm_level_COMMUNE,
    TOWN: m.adm_level_TOWN,
    WARD: m.adm_level_WARD,
    AGENCY: m.adm_level_AGENCY,
  })[level]();

export const isUnitLevel = (value: string): value is UnitLevel => (UNIT_LEVELS as string[]).includes(value);

/**
 * Units that usually have units under them (the province, its departments and districts): the
 * choices of a parent, a few dozen even in a province of hundreds of communes.
 */
export const PARENT_CHOICES = graphql(`
  query AdminParentChoices {
    provinces: adminUnits(first: 20, level: PROVINCE) {
      edges {
        node {
          id
          name
          code
          depth
        }
      }
    }
    departments: adminUnits(first: 100, level: DEPARTMENT) {
      edges {
        node {
          id
          name
          code
          depth
        }
      }
    }
    districts: adminUnits(first: 100, level: DISTRICT) {
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

/** The parent choices in one list, province first. */
export function parentChoices(data: {
  provinces: { edges: { node: ParentChoice }[] };
  departments: { edges: { node: ParentChoice }[] };
  districts: { edges: { node: ParentChoice }[] };
}): ParentChoice[] {
  return [...data.provinces.edges, ...data.departments.edges, ...data.districts.edges].map(
    ({ node }) => node,
  );
}

export interface ParentChoice {
  id: string;
  name: string;
  code: string;
  depth: number;
}

export const CREATE_UNIT = graphql(
  `
    mutation AdminCreateUnit($input: CreateUnitInput!) {
      createUnit(input: $input) {
        __typename
        ... on AdminUnit {
          id
          name
        }
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);
