// The read queries of the main pages, kept here so the API tests measure exactly what the pages
// send (tests/api/query-count.test.ts and tests/api/limits.test.ts print them). Typed documents
// (gql.tada, see graphql.ts): each page's data has the types of the fields it selects.
import { graphql } from './graphql.ts';

/** What every list of tasks shows of a task; each list adds its own fields. */
export const TaskSummary = graphql(`
  fragment TaskSummary on Task {
    id
    title
    status
    dueDate
  }
`);

/** Dashboard: the newest plans with their completion and task count. */
export const DASHBOARD_QUERY = graphql(`
  query Dashboard {
    plans(first: 50) {
      totalCount
      edges {
        node {
          id
          title
          year
          status
          completion
          issuingUnit {
            name
          }
          tasks {
            totalCount
          }
        }
      }
    }
  }
`);

/** Plan page: the plan, progress per unit, one page of its tasks, and the assignment form's lists. */
export const PLAN_PAGE_QUERY = graphql(
  `
    query PlanPage($id: ID!, $after: String) {
      plan(id: $id) {
        id
        title
        year
        status
        cadence
        completion
        issuingDone
        issuingTotal
        issuingUnit {
          id
          name
        }
        viewerCanAssign
        viewerCanEdit
        nextPhase
        schedule {
          assessmentOpens
          appraisalOpens
          publishedOn
          closesOn
        }
        assignableUnits {
          id
          name
          level
        }
        unitProgress {
          unit {
            id
            name
          }
          taskCount
          completed
          overdue
          progress
        }
        tasks(first: 200, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              ...TaskSummary
              progress
              assigneeUnit {
                name
              }
            }
          }
        }
      }
      reformAreas {
        id
        name
      }
    }
  `,
  [TaskSummary],
);

/**
 * Task list: one page of the tasks the viewer sees, narrowed by the filter form (plan, area, unit
 * and its subtree, statuses, overdue, due range), with what each card shows.
 */
export const TASK_LIST_QUERY = graphql(
  `
    query TaskList($after: String, $filter: TaskFilter) {
      tasks(first: 100, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...TaskSummary
            progress
            urgency
            workingDaysLeft
            assigneeUnit {
              id
              name
            }
            plan {
              id
              title
            }
          }
        }
      }
    }
  `,
  [TaskSummary],
);

/** The task list's filter choices: the plans, reform areas and units the viewer sees. */
export const TASK_FILTER_OPTIONS_QUERY = graphql(`
  query TaskFilterOptions {
    plans(first: 200) {
      edges {
        node {
          id
          title
          year
        }
      }
    }
    reformAreas {
      id
      name
    }
    units {
      id
      name
      level
      parentId
    }
  }
`);

/** Notifications page: one page of the signed-in user's notifications, newest first. */
export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($after: String) {
    notifications(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          body
          link
          createdAt
          readAt
        }
      }
    }
  }
`);

/** Home of a unit head or staff member: their unit's open tasks by urgency, with the counts. */
export const MY_WORK_QUERY = graphql(
  `
    query MyWork {
      myWork(first: 50) {
        totalCount
        counts {
          overdue
          dueSoon
          later
        }
        edges {
          node {
            ...TaskSummary
            urgency
            workingDaysLeft
            assigneeUnit {
              name
            }
            plan {
              title
            }
          }
        }
      }
    }
  `,
  [TaskSummary],
);

/** Task page: the task, what the viewer can do with it, its reports and the reassignment list. */
export const TASK_PAGE_QUERY = graphql(`
  query TaskPage($id: ID!) {
    task(id: $id) {
      id
      title
      description
      status
      progress
      dueDate
      indicatorTarget
      responsibleName
      urgency
      workingDaysLeft
      nextDeadline {
        kind
        on
      }
      pendingExtension {
        reason
        requestedAt
        requestedDueDate
      }
      viewerCan {
        accept
        cancel
        decideExtension
        reassign
        report
        requestExtension
        review
        submit
      }
      plan {
        id
        title
        assignableUnits {
          id
          name
        }
      }
      area {
        name
      }
      assigneeUnit {
        id
        name
        officials {
          id
          name
          role
          roleLabel
        }
      }
      timeline(first: 50) {
        totalCount
        edges {
          node {
            id
            at
            actor {
              name
            }
            summary
          }
        }
      }
      reports(first: 100) {
        totalCount
        edges {
          node {
            id
            percent
            note
            indicatorValue
            authorName
            createdAt
            isCompletion
            reviewOutcome
            reviewReason
            evidence {
              id
              fileName
              sizeBytes
              aboutDate
              receivedAt
              downloadUrl
            }
          }
        }
      }
    }
  }
`);

/** The committee's home: how much waits in its review queue. */
export const REVIEW_COUNTS_QUERY = graphql(`
  query ReviewCounts {
    reviewQueue(first: 1) {
      counts {
        reports
        extensions
      }
    }
  }
`);

/** Review queue: the committee's waiting reports and extension requests, oldest first. */
export const REVIEW_QUEUE_QUERY = graphql(`
  query ReviewQueue($after: String) {
    reviewQueue(first: 100, after: $after) {
      totalCount
      counts {
        reports
        extensions
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          kind
          since
          reason
          requestedDueDate
          report {
            id
            percent
            note
            authorName
          }
          task {
            id
            title
            dueDate
            assigneeUnit {
              name
            }
          }
        }
      }
    }
  }
`);
