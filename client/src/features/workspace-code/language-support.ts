/**
 * Each language's CodeMirror support (its parser, highlighting, indentation and
 * completion) is a chunk of its own, fetched when the editor shows that language: a
 * candidate writing Python never downloads the C++ grammar.
 */
import type { Extension } from '@codemirror/state';
import type { CodeLanguage } from '@mockloop/shared/code';
import type { SqlTable } from '@mockloop/shared/sql';

const LOADERS: Record<CodeLanguage, (tables: readonly SqlTable[]) => Promise<Extension>> = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () =>
    (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  java: async () => (await import('@codemirror/lang-java')).java(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  // SQLite's dialect, completing the question's tables and their columns.
  sql: async (tables) => {
    const { sql, SQLite } = await import('@codemirror/lang-sql');
    const schema = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
    return sql({ dialect: SQLite, schema });
  },
};

/** Loads the editor's support for `language`; for SQL, `tables` are offered as completions. */
export function loadLanguageSupport(
  language: CodeLanguage,
  tables: readonly SqlTable[] = [],
): Promise<Extension> {
  return LOADERS[language](tables);
}
