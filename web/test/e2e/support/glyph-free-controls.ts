import type { Page } from 'playwright-core';

/** A control on screen whose visible text or icon would not read right everywhere. */
export interface GlyphProblem {
  control: string;
  problem: string;
}

/**
 * Checks every button and button-styled link on the page: its text is plain printable ASCII (an emoji or
 * symbol glyph renders as an empty box without an emoji font), an icon-only control has an accessible
 * name and an SVG icon, and every SVG icon is hidden from assistive technology.
 */
export async function glyphProblems(page: Page): Promise<GlyphProblem[]> {
  return page.evaluate(() => {
    const problems: { control: string; problem: string }[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, a[data-slot="button"]');
    for (const control of controls) {
      const text = (control.textContent ?? '').replace(/\s+/g, ' ').trim();
      const name = control.getAttribute('aria-label') ?? '';
      const label = name || text || control.outerHTML.slice(0, 80);
      if (!/^[\x20-\x7E]*$/.test(text)) problems.push({ control: label, problem: `text "${text}"` });
      const svgs = [...control.querySelectorAll('svg')];
      if (text === '') {
        if (!name) problems.push({ control: label, problem: 'icon-only without aria-label' });
        if (svgs.length === 0) problems.push({ control: label, problem: 'icon-only without an svg icon' });
      }
      for (const svg of svgs) {
        if (svg.getAttribute('aria-hidden') !== 'true') {
          problems.push({ control: label, problem: 'svg icon not aria-hidden' });
        }
      }
    }
    return problems;
  });
}
