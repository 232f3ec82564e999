// @ts-check
/**
 * Builds the client (Vite, into client/dist) and the server (esbuild, into server/dist).
 *   node scripts/build.mjs [client|server ...]              build them (default: both)
 *   node scripts/build.mjs --if-stale [client|server ...]   only those whose inputs changed
 * After each successful build the hash of its inputs goes into its stamp
 * (`<dist>/.inputs-hash`), so `npm start` serves at once when nothing changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashInputs } from './build/inputs-hash.mjs';
import { TARGETS, isCurrent } from './build/targets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const named = args.filter((arg) => arg !== '--if-stale');
const unknown = named.filter((name) => !(name in TARGETS));
if (unknown.length > 0) {
  process.stderr.write(`unknown build target: ${unknown.join(', ')} (client or server)\n`);
  process.exit(2);
}

for (const name of named.length > 0 ? named : Object.keys(TARGETS)) {
  const target = TARGETS[/** @type {import('./build/targets.mjs').TargetName} */ (name)];
  // Hashed before building, so an edit made during the build makes the next start rebuild.
  const inputsHash = hashInputs(root, target.inputs);
  if (ifStale && isCurrent(root, target, inputsHash)) {
    console.log(`The ${name} build is current.`);
    continue;
  }
  console.log(`Building the ${name}…`);
  try {
    await target.build(root);
  } catch (error) {
    // The build has printed its details; its stamp stays as it was, so the next start retries.
    process.stderr.write(`The ${name} build failed: ${/** @type {Error} */ (error).message}\n`);
    process.exit(1);
  }
  const stamp = join(root, target.stamp);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, inputsHash);
}
