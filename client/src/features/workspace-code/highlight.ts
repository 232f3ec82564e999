/**
 * The code editor's syntax colours. CodeMirror's defaults put escapes (`\n` in a string),
 * invalid text and type names below the 4.5:1 contrast that text needs (WCAG AA); these
 * keep every token at least 4.5:1 against the editor, its active line and the page.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

export const SYNTAX_COLOURS = {
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

/** The backgrounds the colours sit on: the editor, its active line, the page. */
export const SYNTAX_BACKGROUNDS = ['#ffffff', '#f1faff', '#f6f7f9'] as const;

const c = SYNTAX_COLOURS;
export const syntaxColours = syntaxHighlighting(
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
);
