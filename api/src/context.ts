import type { PrismaClient } from '../../prisma/client.ts';
import type { Viewer } from './auth.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { Locale } from './messages.ts';
import type { WorkflowCommands } from './temporal.ts';

/** What every resolver may use; built per request by yoga.ts. */
export interface Context {
  prisma: PrismaClient;
  commands: WorkflowCommands;
  viewer: Viewer | null;
  locale: Locale;
  now: () => Date;
  throttle: LoginThrottle;
  /** Client address as seen by the server, for the login throttle. */
  clientAddress: string;
  secureCookies: boolean;
  /** The session cookie's name: `__Host-rt_session` in production, `rt_session` in development. */
  sessionCookie: string;
  cookies: CookieJar;
  sessionToken: string | undefined;
}

export interface CookieJar {
  set(name: string, value: string, options: { maxAgeSeconds?: number; httpOnly?: boolean }): void;
  delete(name: string): void;
}
