import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit({
      preprocess: vitePreprocess(),
      adapter: adapter({ out: 'build' }),
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
