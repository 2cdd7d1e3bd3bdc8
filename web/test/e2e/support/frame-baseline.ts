import type { Browser } from 'playwright-core';
import { scrollFrameStats, type FrameStats } from './frame-timing';

/**
 * The same scroll over a static page of plain rows (no script at all), in the same browser: what this
 * machine's Chromium achieves with nothing to do but scroll, raster and composite — the yardstick for the
 * app's figures (headless Chromium without a GPU rasterises in software on shared cores).
 */
export async function staticScrollBaseline(
  browser: Browser,
  frames: number,
  pxPerFrame: number,
): Promise<FrameStats> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `<p><b>Alice</b> 10:00<br>row ${i}: ${'lorem ipsum '.repeat(1 + (i % 7))}</p>`,
  ).join('');
  await page.setContent(`<div id="list" style="height:700px;overflow-y:auto">${rows}</div>`);
  const stats = await scrollFrameStats(page.locator('#list'), frames, pxPerFrame);
  await page.close();
  return stats;
}
