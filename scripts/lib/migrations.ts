// Applies and creates Prisma migrations through @prisma/schema-engine-wasm, so that no
// native schema engine has to be downloaded. The folder format is Prisma's own:
// `prisma migrate deploy` applies the same prisma/migrations/ unchanged wherever the
// native engine is available, and records the same `_prisma_migrations` rows.
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm';
import { root } from './paths.ts';

const schemaDir = path.join(root, 'prisma');
const migrationsDir = path.join(schemaDir, 'migrations');
/** The schema as of the newest migration; `new-migration` diffs the current schema against it. */
const snapshotFile = path.join(migrationsDir, 'schema.snapshot');
const noFilters = { externalTables: [], externalEnums: [] };

let loaded: Promise<void> | undefined;
function loadEngine(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/** Every .prisma file of the schema folder (schema.prisma and models/*.prisma), sorted. */
export function readSchemaFiles(): SchemaContainer[] {
  const files: SchemaContainer[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated' && entry.name !== 'migrations') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.prisma')) {
        files.push({ path: path.relative(root, full), content: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(schemaDir);
  return files;
}

function readMigrationList(): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * adapter-pg splits a migration script on every ";" and runs the pieces one by one, which
 * breaks dollar-quoted function bodies. The native engine sends the script as one simple
 * query (PostgreSQL runs it as one implicit transaction); do the same.
 */
class WholeScriptPg extends PrismaPg {
  /** The engine never closes its connections; withEngine does. */
  readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect(): ReturnType<PrismaPg['connect']> {
    const adapter = await super.connect();
    this.opened.push(adapter);
    const pool = (adapter as unknown as { client: pg.Pool }).client;
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  }
}

async function withEngine<T>(
  databaseUrl: string,
  run: (engine: engineBindings.SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngine();
  const files = readSchemaFiles();
  const factory = new WholeScriptPg({ connectionString: databaseUrl });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: files.map((file) => [file.path, file.content]) },
    () => undefined,
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(factory.opened.map((opened) => opened.dispose()));
  }
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that takes the schema of the newest migration to the current schema ('' if none).
 * The engine compares the two schema texts, but insists on a reachable database.
 */
export async function pendingSchemaChange(databaseUrl: string): Promise<string> {
  const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, 'utf8') : undefined;
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: previous
        ? { tag: 'schemaDatamodel', files: [{ path: 'schema.snapshot.prisma', content: previous }] }
        : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: readSchemaFiles() },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = result.stdout ?? '';
    return sql.includes('empty migration') ? '' : sql;
  });
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql and moves the snapshot on. */
export async function createMigration(databaseUrl: string, name: string): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name "${name}" must use only lower-case letters, digits and underscores.`);
  }
  const sql = await pendingSchemaChange(databaseUrl);
  if (!sql.trim()) return undefined;
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'migration.sql'), sql);
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  writeFileSync(
    snapshotFile,
    readSchemaFiles()
      .map((file) => file.content)
      .join('\n'),
  );
  return folder;
}
