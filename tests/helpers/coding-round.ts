/** A coding round in browser tests: a one-round loop made over REST, and its editor. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CodingSpec } from '../../shared/src/content';
import type { LoopView } from '../../shared/src/loop/project';
import { content } from './content';

export interface CodingLoop {
  id: string;
  tokens: Record<string, string>;
  spec: CodingSpec;
  url(role: string): string;
}

/**
 * Creates a one-round coding loop over REST on the server at `serverUrl`; the question is
 * drawn at random among the algorithm questions (SQL questions have their own test,
 * sql-runner.test.ts).
 */
export async function createCodingLoop(
  serverUrl: string,
  mode: 'solo' | 'paired',
): Promise<CodingLoop> {
  const res = await fetch(`${serverUrl}/api/loops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, rounds: [{ id: 'coding', family: 'coding' }] }),
  });
  expect(res.status).toBe(201);
  const { id, tokens } = (await res.json()) as { id: string; tokens: Record<string, string> };
  const viewRes = await fetch(`${serverUrl}/api/loops/${id}`, {
    headers: { authorization: `Bearer ${tokens.candidate}` },
  });
  const view = (await viewRes.json()) as LoopView;
  const questionId = view.rounds[0]!.question.id;
  const spec = content.question('coding', questionId)?.coding;
  if (!spec) throw new Error(`no coding spec for ${questionId}`);
  return {
    id,
    tokens,
    spec,
    url: (role) => `${serverUrl}/loop/${id}#token=${tokens[role]}`,
  };
}

/** The editor's text, line by line as CodeMirror renders it. */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.cm-content .cm-line').allTextContents()).join('\n');
}

/** Replaces the code: picks the language, selects all in the editor and inserts the text. */
export async function setCode(page: Page, language: string, code: string): Promise<void> {
  await page.getByLabel('Language').selectOption(language);
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
  await expect.poll(() => editorText(page)).toBe(code);
}

/**
 * The colour of the first word `word` in the editor, once highlighted: each language's
 * support arrives as a chunk of its own, and until it has the text is uncoloured.
 */
export async function wordColour(page: Page, word: string): Promise<string | null> {
  const token = page.locator('.cm-content span').filter({ hasText: new RegExp(`^${word}$`) });
  if ((await token.count()) === 0) return null;
  return token.first().evaluate((element) => getComputedStyle(element).color);
}
