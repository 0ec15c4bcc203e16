import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from '../builder.ts';
import './common.ts';
import './auth.ts';
import './account.ts';
import './notifications.ts';
import './organisation.ts';
import './plans.ts';
import './tasks.ts';
import './work.ts';
import './timeline.ts';
import './inspections.ts';
import './corrective.ts';
import './dashboard.ts';
import './imports.ts';
import './admin-units.ts';
import './admin-people.ts';
import './admin-calendar.ts';
import './admin-criteria.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema();
export const printedSchema = (): string => printSchema(lexicographicSortSchema(schema));
