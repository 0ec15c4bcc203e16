import type { PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { execute } from '#lib/server/graphql.ts';
import { DASHBOARD_QUERY, MY_WORK_QUERY, REVIEW_COUNTS_QUERY } from '#lib/queries.ts';
import { InspectionCard, todayInVietnam } from './inspections/queries.ts';

/** An inspector's own inspections of today (and those still running), the next ones, the month. */
const INSPECTOR_HOME_QUERY = graphql(
  `
    query InspectorHome($month: String!) {
      today: inspections(filter: { bucket: TODAY, mine: true }, first: 20) {
        edges {
          node {
            ...InspectionCard
          }
        }
      }
      running: inspections(filter: { bucket: IN_PROGRESS, mine: true }, first: 20) {
        edges {
          node {
            ...InspectionCard
          }
        }
      }
      upcoming: inspections(filter: { bucket: UPCOMING, mine: true }, first: 10) {
        totalCount
        edges {
          node {
            ...InspectionCard
          }
        }
      }
      inspectionCalendar(month: $month) {
        date
        inspections {
          id
          title
        }
      }
    }
  `,
  [InspectionCard],
);

/** A unit's inspections it may know of (a surprise one only once started) and its open actions. */
const UNIT_INSPECTIONS_QUERY = graphql(
  `
    query UnitInspectionsHome {
      inspections(filter: { status: [PLANNED, IN_PROGRESS] }, first: 20) {
        edges {
          node {
            ...InspectionCard
          }
        }
      }
      correctiveActions(filter: { status: [OPEN, SUBMITTED] }, first: 20) {
        totalCount
        edges {
          node {
            id
            status
            severity
            dueDate
            workingDaysLeft
            overdue
            finding {
              description
            }
            inspection {
              title
            }
          }
        }
      }
    }
  `,
  [InspectionCard],
);

const FINDINGS_OVERVIEW_QUERY = graphql(`
  query FindingsOverviewHome {
    findingsOverview {
      openFindings
      lateCorrectiveActions
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const roles = event.locals.user?.roles ?? [];
  const reporter = roles.some((r) => r.role === 'UNIT_HEAD' || r.role === 'UNIT_STAFF');
  // Staff only report on their unit's tasks: their home is "my work" alone. Unit heads (and
  // anyone with another role as well) see the plans below it.
  const plansToo = roles.some((r) => r.role !== 'UNIT_STAFF');
  // The committee sees first what waits for its decision.
  const reviewer = roles.some((r) => r.role === 'STEERING');
  const inspector = roles.some((r) => r.role === 'INSPECTOR');
  const today = todayInVietnam();
  const [work, plans, review, inspections, unitInspections, findings] = await Promise.all([
    reporter ? execute(event, MY_WORK_QUERY) : null,
    plansToo ? execute(event, DASHBOARD_QUERY) : null,
    reviewer ? execute(event, REVIEW_COUNTS_QUERY) : null,
    inspector ? execute(event, INSPECTOR_HOME_QUERY, { month: today.slice(0, 7) }) : null,
    reporter ? execute(event, UNIT_INSPECTIONS_QUERY) : null,
    reviewer ? execute(event, FINDINGS_OVERVIEW_QUERY) : null,
  ]);
  const nodes = <Node>(connection: { edges: { node: Node }[] }) => connection.edges.map((edge) => edge.node);
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
    inspector: inspections
      ? {
          // Today's, then those started earlier and still running (each once).
          today: [
            ...nodes(inspections.today),
            ...nodes(inspections.running).filter(
              (running) => !inspections.today.edges.some((edge) => edge.node.id === running.id),
            ),
          ],
          upcoming: nodes(inspections.upcoming),
          upcomingCount: inspections.upcoming.totalCount,
          calendar: inspections.inspectionCalendar,
          month: today.slice(0, 7),
          day: today,
        }
      : null,
    unitInspections: unitInspections
      ? {
          inspections: nodes(unitInspections.inspections),
          actions: nodes(unitInspections.correctiveActions),
          actionCount: unitInspections.correctiveActions.totalCount,
        }
      : null,
    findings: findings
      ? {
          open: findings.findingsOverview.reduce((sum, row) => sum + row.openFindings, 0),
          late: findings.findingsOverview.reduce((sum, row) => sum + row.lateCorrectiveActions, 0),
        }
      : null,
  };
};
