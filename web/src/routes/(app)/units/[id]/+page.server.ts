import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { execute } from '#lib/server/graphql.ts';

const UNIT_PAGE = graphql(`
  query UnitPage($id: ID!) {
    unitPage(id: $id) {
      unit {
        id
        name
        code
        level
      }
      parent {
        id
        name
      }
      children {
        id
        name
      }
      mergedInto {
        id
        name
      }
      mergedFrom {
        unit {
          id
          name
          code
        }
        mergedAt
      }
      people {
        id
        name
        email
        roles
      }
      taskCount
      tasks {
        id
        title
        status
        progress
        dueDate
        plan {
          id
          title
          year
        }
      }
      reports {
        id
        percent
        createdAt
        reviewOutcome
        taskId
        taskTitle
        authorName
      }
      inspections {
        id
        title
        kind
        status
        scheduledOn
        windowStart
      }
      correctiveActions {
        id
        status
        dueDate
        severity
        overdue
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { unitPage } = await execute(event, UNIT_PAGE, { id: event.params.id });
  // A unit out of reach answers as one that does not exist.
  if (!unitPage) error(404, m.dash_unit_not_found());
  return { page: unitPage };
};
