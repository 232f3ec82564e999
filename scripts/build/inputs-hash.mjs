// @ts-check
/**
 * What a build is made from, as one hash: every file under a target's inputs, by path and
 * content, in a fixed order. Equal hashes mean the last build is still current.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never part of a build's inputs: installed packages and build outputs. */
const SKIP = new Set(['node_modules', 'dist']);

/**
 * Every file under `inputs` (paths relative to `root`, files or folders), as sorted
 * `/`-separated paths relative to `root`. A missing input contributes nothing.
 * @param {string} root
 * @param {readonly string[]} inputs
 * @returns {string[]}
 */
export function inputFiles(root, inputs) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} path */
  const walk = (path) => {
    let entries;
    try {
      entries = readdirSync(join(root, path), { withFileTypes: true });
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === 'ENOTDIR') found.push(path);
      else if (code !== 'ENOENT') throw error;
      return;
    }
    for (const entry of entries) if (!SKIP.has(entry.name)) walk(`${path}/${entry.name}`);
  };
  for (const input of inputs) walk(input);
  return found.sort();
}

/**
 * The hash of `inputs`' files: their paths and contents, as `read` returns them.
 * @param {string} root
 * @param {readonly string[]} inputs
 * @param {(file: string) => Buffer | string} [read] reads a file by its path under `root`
 * @returns {string}
 */
export function hashInputs(root, inputs, read = (file) => readFileSync(join(root, file))) {
  const hash = createHash('sha256');
  for (const file of inputFiles(root, inputs))
    hash.update(file).update('\0').update(read(file)).update('\0');
  return hash.digest('hex');
}
