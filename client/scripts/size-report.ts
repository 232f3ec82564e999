/**
 * Prints the built client's JavaScript sizes after `vite build`: the initial load (the
 * entry script and what index.html preloads) and every chunk loaded later, gzipped. Fails
 * when the initial load passes its budget, so a heavy import cannot creep into it unseen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budget of the first page load's JavaScript, gzipped. */
const INITIAL_BUDGET_KB = 150;

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!),
);

const kb = (bytes: number) => bytes / 1024;
const chunks = readdirSync(join(dist, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const file = join(dist, 'assets', name);
    return {
      name: `assets/${name}`,
      raw: kb(statSync(file).size),
      gzip: kb(gzipSync(readFileSync(file), { level: 9 }).length),
    };
  })
  .sort((a, b) => b.gzip - a.gzip);

const row = (label: string, raw: number, gzip: number) =>
  `${label.padEnd(52)} ${raw.toFixed(2).padStart(10)} KB ${gzip.toFixed(2).padStart(9)} KB gzip`;
const load = chunks.filter((c) => initial.has(c.name));
const later = chunks.filter((c) => !initial.has(c.name));
const total = (list: typeof chunks, key: 'raw' | 'gzip') => list.reduce((s, c) => s + c[key], 0);

console.log('\nJavaScript of the first page load:');
for (const c of load) console.log(row(c.name, c.raw, c.gzip));
const initialGzip = total(load, 'gzip');
console.log(row('total', total(load, 'raw'), initialGzip));
const LISTED = 12;
console.log('\nLoaded later, only where a round needs it (largest first):');
for (const c of later.slice(0, LISTED)) console.log(row(c.name, c.raw, c.gzip));
const rest = later.slice(LISTED);
if (rest.length)
  console.log(row(`… ${rest.length} smaller chunks`, total(rest, 'raw'), total(rest, 'gzip')));
console.log(
  `\nInitial JavaScript: ${initialGzip.toFixed(2)} KB gzipped of a ${INITIAL_BUDGET_KB} KB budget.`,
);
if (initialGzip > INITIAL_BUDGET_KB) {
  console.error(`The first page load is over its budget of ${INITIAL_BUDGET_KB} KB gzipped.`);
  process.exit(1);
}
