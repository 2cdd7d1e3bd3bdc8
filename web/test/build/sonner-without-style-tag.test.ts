import { describe, expect, it } from 'vitest';
import { sonnerWithoutStyleTag } from '../../vite-plugins/sonner-without-style-tag';

type Transform = (
  this: { error(message: string): never },
  code: string,
  id: string,
) => { code: string } | null;
const transform = sonnerWithoutStyleTag().transform as Transform;
const context = {
  error(message: string): never {
    throw new Error(message);
  },
};
const SONNER = '/app/node_modules/sonner/dist/index.mjs';
const code =
  'function __insertCSS(code) { document.head.append(code) }\n__insertCSS("[data-sonner-toaster]{z-index:1}\\"");\nexport const toast = 1;';

describe('the sonner plugin', () => {
  it('drops the module-level insert of sonner’s stylesheet, in the build and in dev (versioned ids)', () => {
    for (const id of [SONNER, `${SONNER}?v=d6a6dc9c`]) {
      const out = transform.call(context, code, id)?.code ?? '';
      expect(out).not.toContain('__insertCSS("');
      expect(out).not.toContain('data-sonner-toaster');
      expect(out).toContain('export const toast = 1;');
    }
  });

  it('leaves every other module alone, and fails the build when sonner no longer inserts its CSS that way', () => {
    expect(transform.call(context, code, '/app/src/main.tsx')).toBeNull();
    expect(() => transform.call(context, 'export const toast = 1;', SONNER)).toThrow(/__insertCSS/);
  });
});
