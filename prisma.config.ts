import { defineConfig } from 'prisma/config';

// Prisma CLI configuration. The app and the migration script take DATABASE_URL from
// scripts/database.ts (embedded PostgreSQL unless DATABASE_URL is set).
export default defineConfig({
  schema: 'prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/reform_tracker',
  },
});
