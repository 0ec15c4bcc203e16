import type { Locale, Role } from '#lib/i18n.ts';

declare global {
  namespace App {
    interface Locals {
      user: {
        id: string;
        name: string;
        email: string;
        /** Signed in with a one-time password: every page leads to /account/password until changed. */
        mustChangePassword: boolean;
        /** For the bell in the header; read with `me` once per request. */
        unreadNotifications: number;
        roles: { role: Role; unitId: string; unitName: string }[];
      } | null;
      locale: Locale;
    }
  }
}

export {};
