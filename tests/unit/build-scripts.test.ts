/**
 * The pieces of `scripts/build.mjs`: which files a build is made from, and how the server's
 * bundle keeps npm packages external and each module's own location.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashInputs, inputFiles } from '../../scripts/build/inputs-hash.mjs';
import { isExternalPackage, withSourceUrl } from '../../scripts/build/server-bundle.mjs';

/** A folder with `files` (path → text) written into it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mockloop-inputs-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('build inputs', () => {
  it('are the files under each input, sorted, without node_modules or dist', () => {
    const root = tree({
      'server/src/b.ts': '',
      'server/src/a/z.ts': '',
      'server/dist/index.js': '',
      'server/src/node_modules/x/index.js': '',
      'package-lock.json': '{}',
    });
    expect(inputFiles(root, ['server', 'package-lock.json', 'missing'])).toEqual([
      'package-lock.json',
      'server/src/a/z.ts',
      'server/src/b.ts',
    ]);
  });

  it('hash to a new value when a file changes, is renamed or is added', () => {
    const files = { 'src/a.ts': 'export const a = 1;\n' };
    const before = hashInputs(tree(files), ['src']);
    expect(hashInputs(tree(files), ['src'])).toBe(before);
    expect(hashInputs(tree({ 'src/a.ts': 'export const a = 2;\n' }), ['src'])).not.toBe(before);
    expect(hashInputs(tree({ 'src/b.ts': files['src/a.ts'] }), ['src'])).not.toBe(before);
    expect(hashInputs(tree({ ...files, 'src/c.ts': '' }), ['src'])).not.toBe(before);
  });
});

describe('server bundle', () => {
  it('keeps npm packages and Node built-ins external, and bundles the workspaces and own files', () => {
    for (const external of [
      'express',
      'node:fs',
      'better-sqlite3',
      '@socket.io/redis-streams-adapter',
    ])
      expect(isExternalPackage(external), external).toBe(true);
    for (const bundled of [
      '@mockloop/shared/content',
      '@mockloop/rounds',
      './app',
      '../x',
      '/abs/y',
    ])
      expect(isExternalPackage(bundled), bundled).toBe(false);
  });

  it("gives a bundled module its source file's import.meta.url, reached from the bundle", () => {
    const source = "export const dir = new URL('../content', import.meta.url);";
    expect(withSourceUrl(source, '/repo/rounds/src/load.ts', '/repo/server/dist')).toBe(
      'export const dir = new URL(\'../content\', new URL("../../rounds/src/load.ts", import.meta.url).href);',
    );
    // What that resolves to when the bundle runs from /repo/server/dist/index.js:
    const bundleUrl = pathToFileURL('/repo/server/dist/index.js').href;
    const sourceUrl = new URL('../../rounds/src/load.ts', bundleUrl).href;
    expect(new URL('../content', sourceUrl).href).toBe(pathToFileURL('/repo/rounds/content').href);
  });
});
