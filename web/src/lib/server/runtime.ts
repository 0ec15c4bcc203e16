import { env } from '$env/dynamic/private';
import { createApi } from '$api/yoga';
import { lazyTemporalClient, temporalCommands } from '$api/temporal';
import { temporalSettingsFromEnv } from '$workflows/connection';
import { createPrismaClient } from '$prisma/client';

let api: ReturnType<typeof createApi> | undefined;

/** The GraphQL API of this process, built on first use from DATABASE_URL and TEMPORAL_*. */
export function graphqlApi(): ReturnType<typeof createApi> {
  if (!api) {
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set: start the app with `npm start`.');
    const prisma = createPrismaClient(env.DATABASE_URL);
    const client = lazyTemporalClient(temporalSettingsFromEnv(env));
    api = createApi({
      prisma,
      commands: temporalCommands(client),
      production: env.NODE_ENV === 'production',
    });
  }
  return api;
}
