// npm run db:migrate | db:seed | db:migration -- <name>
// Works on DATABASE_URL, or on the embedded PostgreSQL under .data/ when it is unset.
import './lib/node-version.ts';
import { withDatabase } from './lib/runtime-env.ts';
import { applyMigrations, createMigration } from './lib/migrations.ts';
import { exitWith } from './lib/fail.ts';

const [command, argument] = process.argv.slice(2);

async function main(): Promise<void> {
  switch (command) {
    case 'migrate':
      await withDatabase(async (url) => {
        const applied = await applyMigrations(url);
        console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
        const { seedReferenceData } = await import('../prisma/seed.ts');
        const written = await seedReferenceData(url);
        console.log(
          `Reference data: ${written.areasWritten} areas and ${written.holidaysWritten} holidays added.`,
        );
      });
      return;
    case 'seed':
      await withDatabase(async (url) => {
        const { seedDemoData } = await import('../prisma/seed.ts');
        const result = await seedDemoData(url);
        console.log(result.seeded ? 'Demo data written.' : 'The database already has data; nothing seeded.');
      });
      return;
    case 'new-migration': {
      if (!argument) throw new Error('Name the migration: npm run db:migration -- add_task_labels');
      const folder = await withDatabase((url) => createMigration(url, argument));
      console.log(
        folder
          ? `Wrote ${folder}/migration.sql: read it, then commit it.`
          : 'The schema has no changes since the last migration.',
      );
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}": use migrate, seed or new-migration <name>.`);
  }
}

main().catch(exitWith);
