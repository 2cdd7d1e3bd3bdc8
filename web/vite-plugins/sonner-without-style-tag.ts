import type { Plugin } from 'vite';

/** Sonner's module-level `__insertCSS("<its whole stylesheet>")`: the string and the call. */
const INSERT_CSS_CALL = /__insertCSS\("(?:[^"\\]|\\.)*"\);?/;

/**
 * Sonner ships its stylesheet twice: as `sonner/dist/styles.css`, and as a string its module adds to the
 * page as a `<style>` element the moment it is imported — which the CSP (`style-src 'self'`) refuses, and
 * the refusal is a reported violation. The app imports the stylesheet (components/ui/sonner.tsx), so this
 * drops the runtime insert (and the 14 kB string with it), and fails the build if a new sonner no longer
 * has it: look again at how it adds its CSS then.
 */
export function sonnerWithoutStyleTag(): Plugin {
  return {
    name: 'livechat:sonner-without-style-tag',
    enforce: 'pre',
    transform(code, id) {
      // In dev the id carries a version query (`index.mjs?v=…`).
      if (!/[\\/]sonner[\\/]dist[\\/]index\.m?js$/.test(id.split('?')[0] ?? id)) return null;
      if (!INSERT_CSS_CALL.test(code))
        this.error('sonner no longer calls __insertCSS: check how it adds its CSS');
      return { code: code.replace(INSERT_CSS_CALL, ''), map: null };
    },
  };
}
