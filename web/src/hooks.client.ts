import { baseLocale, isLocale, overwriteGetLocale } from '#lib/paraglide/runtime.js';

// The server chose the page's language (hooks.server.ts: the language switch, the user's saved
// language, then Vietnamese) and wrote it into <html lang>. The browser renders in the same one,
// so hydration never switches a word; the switch itself is a form post that reloads the page.
overwriteGetLocale(() => {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : baseLocale;
});
