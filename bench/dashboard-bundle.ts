// Bench section: the JavaScript the browser loads for the dashboard route, gzipped, from the web
// app's production build (web/build, `npm run build`): SvelteKit's client entry with its imports,
// and the client code of every layout and of the page on the route (build/server/manifest.js names
// the nodes, build/server/nodes/<n>.js each node's files with their imports). The budget is
// 100 KB; the trend charts are drawn on the server, so no chart library is among the files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../scripts/lib/paths.ts';

export const DASHBOARD_JS_BUDGET_BYTES = 100 * 1024;

const build = path.join(root, 'web', 'build');

const listIn = (text: string, pattern: RegExp): string[] => {
  const found = pattern.exec(text);
  if (!found) throw new Error(`${pattern} not found in the build's manifest`);
  return JSON.parse(`[${found[1]}]`) as string[];
};

/** The client JS files a route loads on a first visit, by the build's own manifest. */
export function routeScripts(routeId: string): string[] {
  const manifest = readFileSync(path.join(build, 'server', 'manifest.js'), 'utf8');
  const files = new Set(listIn(manifest, /client: ?\{[^}]*?imports: ?\[([^\]]*)\]/));
  const at = manifest.indexOf(`id: "${routeId}"`);
  if (at < 0) throw new Error(`route ${routeId} is not in the build (run npm run build)`);
  const page = /page: \{ layouts: \[([^\]]*)\], errors: \[[^\]]*\], leaf: (\d+) \}/.exec(manifest.slice(at));
  if (!page) throw new Error(`route ${routeId} has no page in the build`);
  const nodes = [...page[1]!.split(',').filter((index) => index.trim() !== ''), page[2]!];
  for (const node of nodes) {
    const code = readFileSync(path.join(build, 'server', 'nodes', `${node.trim()}.js`), 'utf8');
    for (const file of listIn(code, /export const imports = \[([^\]]*)\]/)) files.add(file);
  }
  return [...files];
}

export function dashboardBundleBench(): void {
  if (!existsSync(path.join(build, 'server', 'manifest.js'))) {
    console.log('dashboard route JS: no production build in web/build (run `npm run build` first)');
    return;
  }
  const files = routeScripts('/(app)/dashboard');
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(build, 'client', file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `dashboard route JS (/dashboard, first visit): ${files.length} files, ${kb(raw)} raw, ` +
      `${kb(gzipped)} gzipped (budget ${kb(DASHBOARD_JS_BUDGET_BYTES)}: ` +
      `${gzipped <= DASHBOARD_JS_BUDGET_BYTES ? 'within' : 'OVER'})`,
  );
}
