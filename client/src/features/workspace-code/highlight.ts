/**
 * The code editor's colours, in the light and the dark theme. CodeMirror's defaults put
 * escapes (`\n` in a string), invalid text and type names below the 4.5:1 contrast that text
 * needs (WCAG AA) and know nothing of the page's theme; these keep every token at least
 * 4.5:1 against the editor, its active line and the page in both themes (a unit test
 * checks them against the tokens in styles.css).
 *
 * Each colour is a CSS variable set for both themes, so the editor follows a theme change
 * at once, without being rebuilt.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import type { Theme } from '@/lib/theme';

const LIGHT = {
  meta: '#404740',
  keyword: '#770088',
  atom: '#221199',
  literal: '#116644',
  string: '#aa1111',
  escape: '#b33c00',
  definition: '#0000ff',
  local: '#3300aa',
  type: '#07704a',
  className: '#116677',
  special: '#225566',
  property: '#0000cc',
  comment: '#994400',
  invalid: '#cc0000',
} as const;

export type SyntaxToken = keyof typeof LIGHT;

export const SYNTAX_COLOURS: Record<Theme, Record<SyntaxToken, string>> = {
  light: LIGHT,
  dark: {
    meta: '#a0a8b3',
    keyword: '#d98ee8',
    atom: '#a5b4ff',
    literal: '#7fd4a8',
    string: '#ff9d8a',
    escape: '#ffb066',
    definition: '#79b8ff',
    local: '#b7a5ff',
    type: '#5fd3b0',
    className: '#5ecfdc',
    special: '#8fc7d6',
    property: '#7cb3ff',
    comment: '#c9a26d',
    invalid: '#ff7b72',
  },
};

/** The styles.css tokens of the backgrounds the colours sit on: the editor, its active line, the page. */
export const SYNTAX_BACKGROUND_TOKENS = ['--surface', '--code-active-line', '--bg'] as const;

const variable = (token: SyntaxToken) => `--syntax-${token}`;
const variables = (theme: Theme) =>
  Object.fromEntries(
    Object.entries(SYNTAX_COLOURS[theme]).map(([token, colour]) => [
      variable(token as SyntaxToken),
      colour,
    ]),
  );
const c = Object.fromEntries(
  Object.keys(LIGHT).map((token) => [token, `var(${variable(token as SyntaxToken)})`]),
) as Record<SyntaxToken, string>;

/** The editor's own parts (gutter, cursor, selection, panels) drawn with the page's tokens. */
const editorColours = EditorView.theme({
  '&': { ...variables('light'), color: 'var(--text)', backgroundColor: 'var(--surface)' },
  'html[data-theme="dark"] &': variables('dark'),
  '& .cm-content': { caretColor: 'var(--text)' },
  '& .cm-cursor, & .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '& .cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '& .cm-gutters': {
    backgroundColor: 'var(--bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '& .cm-activeLineGutter': { backgroundColor: 'var(--selected-bg)' },
  '& .cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground':
    { background: 'var(--code-selection)' },
  '& .cm-selectionMatch': { backgroundColor: 'var(--selected-bg)' },
  '& .cm-panels': { backgroundColor: 'var(--surface-raised)', color: 'var(--text)' },
  '& .cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '& .cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '& .cm-textfield': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--control-border)',
  },
  '& .cm-tooltip': {
    backgroundColor: 'var(--surface-raised)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '& .cm-foldPlaceholder': {
    backgroundColor: 'var(--surface-raised)',
    color: 'var(--muted)',
    border: '1px solid var(--border)',
  },
});

/** The editor's colours: its parts and its syntax highlighting, following the page's theme. */
export const syntaxColours: Extension = [
  editorColours,
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: t.meta, color: c.meta },
      { tag: t.link, textDecoration: 'underline' },
      { tag: t.heading, textDecoration: 'underline', fontWeight: 'bold' },
      { tag: t.emphasis, fontStyle: 'italic' },
      { tag: t.strong, fontWeight: 'bold' },
      { tag: t.strikethrough, textDecoration: 'line-through' },
      { tag: t.keyword, color: c.keyword },
      { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: c.atom },
      { tag: [t.literal, t.inserted], color: c.literal },
      { tag: [t.string, t.deleted], color: c.string },
      { tag: [t.regexp, t.escape, t.special(t.string)], color: c.escape },
      { tag: t.definition(t.variableName), color: c.definition },
      { tag: t.local(t.variableName), color: c.local },
      { tag: [t.typeName, t.namespace], color: c.type },
      { tag: t.className, color: c.className },
      { tag: [t.special(t.variableName), t.macroName], color: c.special },
      { tag: t.definition(t.propertyName), color: c.property },
      { tag: t.comment, color: c.comment },
      { tag: t.invalid, color: c.invalid },
    ]),
  ),
];
