import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { execute } from '#lib/server/graphql.ts';
import { trendChartImage } from '#lib/server/trend-chart.ts';

const PLANS = graphql(`
  query DashboardPlans {
    plans(first: 50) {
      edges {
        node {
          id
          title
          year
          status
        }
      }
    }
  }
`);

const DASHBOARD = graphql(`
  query Dashboard($planId: ID, $unitId: ID) {
    dashboard(planId: $planId, unitId: $unitId) {
      __typename
      ... on NotFoundError {
        message
        field
      }
      ... on Dashboard {
        plan {
          id
          title
          year
        }
        unit {
          id
          name
        }
        ancestors {
          id
          name
        }
        areas {
          id
          name
        }
        rows {
          own
          drillable
          unit {
            id
            name
          }
          cells {
            areaId
            completion
            taskCount
            overdue
          }
          total {
            completion
            taskCount
            completed
            overdue
          }
        }
        total {
          cells {
            areaId
            completion
            taskCount
            overdue
          }
          total {
            completion
            taskCount
            completed
            overdue
          }
        }
        periods {
          id
          label
        }
        areaTrend {
          key
          label
          values
        }
        unitTrend {
          key
          label
          values
        }
        laggards {
          unit {
            id
            name
          }
          total {
            completion
            taskCount
            overdue
          }
        }
        overdueTaskCount
        escalatedTaskCount
        overdueTasks {
          id
          title
          dueDate
          progress
          escalationLevel
          assigneeUnit {
            id
            name
          }
        }
        openFindings {
          id
          severity
          description
          inspection {
            id
            title
            targetUnit {
              id
              name
            }
          }
        }
        lateCorrectiveActions {
          id
          dueDate
          severity
          responsibleUnit {
            id
            name
          }
        }
        plansBeingIssued {
          id
          title
          issuingDone
          issuingTotal
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const planId = event.url.searchParams.get('plan')?.trim() || null;
  const unitId = event.url.searchParams.get('unit')?.trim() || null;
  const [plans, result] = await Promise.all([
    execute(event, PLANS),
    execute(event, DASHBOARD, { planId, unitId }),
  ]);
  const choices = plans.plans.edges.map((edge) => edge.node).filter((plan) => plan.status !== 'DRAFT');
  const dashboard = result.dashboard;
  if (dashboard.__typename === 'NotFoundError') {
    // No issued plan at all is an empty dashboard; a plan or unit asked for and not found is a 404.
    if (!planId && !unitId) return { choices, dashboard: null, charts: null, planId, unitId };
    error(404, dashboard.message);
  }
  const percentSuffix = event.locals.locale === 'vi' ? ' %' : '%';
  const periods = dashboard.periods.map((period) => period.label);
  const charts = periods.length
    ? {
        areas: trendChartImage({ periods, series: dashboard.areaTrend, percentSuffix }),
        units: trendChartImage({ periods, series: dashboard.unitTrend, percentSuffix }),
      }
    : null;
  return { choices, dashboard, charts, planId, unitId };
};
