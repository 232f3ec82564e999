// Builds the client only when what it is built from changed since the last build: `npm
// start` then serves at once on a second start. The build's inputs (the client, shared/ and
// the lockfile) are hashed into client/dist/.inputs-hash after each successful build.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['client', 'shared/src', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist']);
const STAMP = join(root, 'client/dist/.inputs-hash');

function* files(path) {
  if (!existsSync(path)) return;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    yield path;
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)))
    if (!SKIP.has(entry.name)) yield* files(join(path, entry.name));
}

const hash = createHash('sha256');
for (const input of INPUTS)
  for (const file of files(join(root, input)))
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
const inputs = hash.digest('hex');

const built = existsSync(STAMP) && existsSync(join(root, 'client/dist/index.html'));
if (built && readFileSync(STAMP, 'utf8') === inputs) {
  console.log('The client build is current: serving it.');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  writeFileSync(STAMP, inputs);
}
