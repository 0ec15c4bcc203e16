import { createApi } from '../../../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../../../api/src/temporal.ts';
import { temporalSettingsFromEnv } from '../../../../workflows/src/connection.ts';
import { createPrismaClient } from '../../../../prisma/client.ts';

let api: ReturnType<typeof createApi> | undefined;

/** The GraphQL API of this process, built on first use from DATABASE_URL and TEMPORAL_*. */
export function graphqlApi(): ReturnType<typeof createApi> {
  if (!api) {
    if (!process.env.DATABASE_URL)
      throw new Error('DATABASE_URL is not set: start the app with `npm start`.');
    const prisma = createPrismaClient(process.env.DATABASE_URL);
    const client = lazyTemporalClient(temporalSettingsFromEnv(process.env));
    api = createApi({
      prisma,
      commands: temporalCommands(client),
      production: process.env.NODE_ENV === 'production',
    });
  }
  return api;
}
