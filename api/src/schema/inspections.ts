// The inspections part of the GraphQL schema (issue 10); see /work/briefs/contract.md.
import '../builder.ts';
