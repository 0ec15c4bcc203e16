import { fileURLToPath } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // Messages (web/messages/{locale}.json, Vietnamese first) compiled to typed functions in
    // src/lib/paraglide (generated, not committed). `npm run sync` runs the same compile with the
    // same options for lint and typecheck. The language of a request is chosen by the app
    // (hooks.server.ts: the language switch's cookie, the user's saved language, then
    // Vietnamese) and handed to Paraglide per request; 'baseLocale' is only the fallback.
    paraglideVitePlugin({
      project: fileURLToPath(new URL('./project.inlang', import.meta.url)),
      outdir: fileURLToPath(new URL('./src/lib/paraglide', import.meta.url)),
      strategy: ['baseLocale'],
    }),
    sveltekit({
      preprocess: vitePreprocess(),
      adapter: adapter({ out: 'build' }),
      // Content-Security-Policy of every page: SvelteKit adds a fresh nonce to its own
      // scripts (hashes on prerendered pages); nothing from another origin, no inline code,
      // never in a frame. Other security headers are set in src/hooks.server.ts.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // The one inline style attribute: SvelteKit's route announcer (root.svelte) for
          // screen readers. A SvelteKit upgrade that changes it fails the browser test's
          // CSP check; app.css hides the announcer too in the meantime.
          'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
          // blob: the inspection page's previews of photos taken offline (object URLs).
          'img-src': ['self', 'data:', 'blob:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          // The service worker (src/service-worker), for inspection pages that reopen offline.
          'worker-src': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
          'base-uri': ['none'],
          'object-src': ['none'],
        },
      },
    }),
  ],
  server: { fs: { allow: ['..'] } },
  // Server-only packages with native parts stay external; Node loads them at run time.
  ssr: {
    external: [
      '@temporalio/client',
      '@temporalio/common',
      '@temporalio/workflow',
      '@prisma/client',
      '@prisma/adapter-pg',
      'pg',
      '@node-rs/argon2',
    ],
  },
});
