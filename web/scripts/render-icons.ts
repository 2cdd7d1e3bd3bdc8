// Renders the web manifest's PNG icons from the SVGs in public/icons with Debian's Chromium (the browser the
// e2e suite drives; no image library needed). The PNGs are committed: run this after changing an SVG,
//   npx tsx scripts/render-icons.ts     (inside web/)
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/e2e/support/chromium';

const icons = fileURLToPath(new URL('../public/icons/', import.meta.url));
const renders = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'maskable-icon.svg', png: 'maskable-512.png', size: 512 },
  // iOS rounds the corners itself and shows transparency as black: the full-bleed square.
  { svg: 'maskable-icon.svg', png: 'apple-touch-icon.png', size: 180 },
];

const browser = await launchChromium();
try {
  for (const { svg, png, size } of renders) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = await readFile(icons + svg, 'utf8');
    const body = `<body style="margin:0"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}"></body>`;
    await page.setContent(body);
    await writeFile(icons + png, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
