// Prints the initial JS of the built app (issue 10's budget: ≤ 150 kB gzip): the entry script of
// dist/index.html plus every chunk it preloads — what a visitor on the login screen downloads before
// anything shows. Lazy chunks (chat, account, tooltip, toasts) are listed apart. Run after `vite build`:
//   npm run size -w @livechat/web
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = await readFile(new URL('index.html', `file://${dist}`), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
  (match) => match[1] as string,
);
const gzipKb = async (file: string) => gzipSync(await readFile(dist + file), { level: 9 }).length / 1000;

let total = 0;
for (const file of initial) {
  const size = await gzipKb(file);
  total += size;
  console.log(`initial  ${size.toFixed(2).padStart(7)} kB  ${file}`);
}
for (const name of await readdir(dist + 'assets')) {
  const file = `assets/${name}`;
  if (name.endsWith('.js') && !initial.includes(file))
    console.log(`lazy     ${(await gzipKb(file)).toFixed(2).padStart(7)} kB  ${file}`);
}
console.log(`initial JS: ${total.toFixed(1)} kB gzip (budget 150)`);
