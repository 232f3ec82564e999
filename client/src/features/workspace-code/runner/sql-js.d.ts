/**
 * The part of sql.js (npm `sql.js`, SQLite compiled to WebAssembly) the test runner uses.
 * The package ships no types of its own.
 */
declare module 'sql.js' {
  export type BindValue = string | number | null | Uint8Array;
  export type ResultValue = string | number | null | Uint8Array;

  export interface Statement {
    bind(values?: BindValue[]): boolean;
    step(): boolean;
    get(): ResultValue[];
    getColumnNames(): string[];
    run(values?: BindValue[]): void;
    reset(): void;
    free(): boolean;
  }

  export interface Database {
    run(sql: string, params?: BindValue[]): Database;
    prepare(sql: string, params?: BindValue[]): Statement;
    close(): void;
  }

  export interface SqlJsStatic {
    Database: new () => Database;
  }

  export default function initSqlJs(config?: {
    locateFile?(file: string): string;
  }): Promise<SqlJsStatic>;
}
