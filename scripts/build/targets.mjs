// @ts-check
/**
 * What `npm start` builds, each with the inputs it is built from and the stamp that records
 * the hash of those inputs after its last successful build.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} Target
 * @property {readonly string[]} inputs files and folders (relative to the root) it is built from
 * @property {string} output the file whose absence means it was never built
 * @property {string} stamp where the hash of its inputs is kept after a build
 * @property {(root: string) => Promise<void>} build
 */

/** @type {Readonly<Record<'client' | 'server', Target>>} */
export const TARGETS = {
  client: {
    inputs: ['client', 'shared/src', 'package-lock.json'],
    output: 'client/dist/index.html',
    stamp: 'client/dist/.inputs-hash',
    build: async (root) => {
      execSync('npm run build --workspace client', { cwd: root, stdio: 'inherit' });
    },
  },
  server: {
    inputs: [
      'server/src',
      'server/tsconfig.json',
      'shared/src',
      'rounds/src',
      'tsconfig.base.json',
      'package-lock.json',
      'scripts/build/server-bundle.mjs',
    ],
    output: 'server/dist/index.js',
    stamp: 'server/dist/.inputs-hash',
    // Loaded only to build, so a start with a current build does not load esbuild.
    build: async (root) =>
      (await import('./server-bundle.mjs')).bundleServer({
        entry: join(root, 'server/src/index.ts'),
        outDir: join(root, 'server/dist'),
        tsconfig: join(root, 'server/tsconfig.json'),
      }),
  },
};

/** @typedef {keyof typeof TARGETS} TargetName */

/**
 * Whether the target's last build is current: it exists and was built from inputs whose
 * hash is `inputsHash`.
 * @param {string} root
 * @param {Target} target
 * @param {string} inputsHash
 */
export function isCurrent(root, target, inputsHash) {
  const stamp = join(root, target.stamp);
  return (
    existsSync(join(root, target.output)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === inputsHash
  );
}
