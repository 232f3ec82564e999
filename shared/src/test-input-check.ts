/**
 * Checking a generated test value without expanding it: content is checked at every
 * start-up, and some values expand to millions of items. The checker follows the expander
 * (`test-input.ts`) rule by rule on the shapes of values — how long a list is, what its
 * items are — instead of the values; where a string's length depends on what fills it, it
 * counts the longest it could be, so it never passes what expanding refuses.
 */
import {
  copyJson,
  dataObject,
  formatArgs,
  generatorName,
  GENERATORS,
  hasGenerator,
  isPlainObject,
  ItemBudget,
  joinArgs,
  joinsStrings,
  listOf,
  misfit,
  randomArgs,
  rangeArgs,
  repeatArgs,
  TestValueError,
} from './test-input';

/** Why a test value cannot be expanded, or null when it can, found without expanding it. */
export function testValueProblem(value: unknown): string | null {
  if (!hasGenerator(value)) return null;
  try {
    new Checker().check(value, '');
    return null;
  } catch (error) {
    if (error instanceof TestValueError) return error.message;
    throw error;
  }
}

/** What one item of a list is, as far as `$join`, `$format` and `$zip` care. */
type Shape =
  | { kind: 'number' }
  | { kind: 'string'; maxLength: number }
  /** Numbers and strings mixed: fine in a template, not in `$join`. */
  | { kind: 'scalar'; maxLength: number }
  /** A list of known length, each item with its shape. */
  | { kind: 'row'; items: Shape[] }
  | { kind: 'other' };

/** A list made by a generator: its length and the shape of all its items. */
class Many {
  constructor(
    readonly length: number,
    readonly item: Shape | null,
  ) {}
}

/** A string made by `$join`, at most this long. */
class Text {
  constructor(readonly maxLength: number) {}
}

/** Longest text of a number in a template (`String(n)`). */
const MAX_NUMBER_CHARS = 24;
const OTHER: Shape = { kind: 'other' };

/** Lists made by a generator longer than this are not followed item by item. */
const MAX_ROW_ITEMS = 64;

function shapeOf(value: unknown): Shape {
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'string') return { kind: 'string', maxLength: value.length };
  if (value instanceof Text) return { kind: 'string', maxLength: value.maxLength };
  if (Array.isArray(value)) return { kind: 'row', items: value.map(shapeOf) };
  if (value instanceof Many && value.length <= MAX_ROW_ITEMS)
    return { kind: 'row', items: Array<Shape>(value.length).fill(value.item ?? OTHER) };
  return OTHER;
}

function union(a: Shape | null, b: Shape): Shape {
  if (a === null) return b;
  if (a.kind === 'number' && b.kind === 'number') return a;
  if (a.kind === 'string' && b.kind === 'string')
    return { kind: 'string', maxLength: Math.max(a.maxLength, b.maxLength) };
  if (isScalarShape(a) && isScalarShape(b))
    return { kind: 'scalar', maxLength: Math.max(textLength(a), textLength(b)) };
  if (a.kind === 'row' && b.kind === 'row' && a.items.length === b.items.length)
    return { kind: 'row', items: a.items.map((item, i) => union(item, b.items[i]!)) };
  return OTHER;
}

/** A list's length and item shape, concrete or made by a generator. */
function listShape(value: unknown, path: string): { length: number; item: Shape | null } {
  // An empty list has no items whose shape could matter.
  if (value instanceof Many) return value.length ? value : { length: 0, item: null };
  const list = listOf(value, path);
  return { length: list.length, item: list.map(shapeOf).reduce<Shape | null>(union, null) };
}

function isScalarShape(shape: Shape): boolean {
  return shape.kind === 'number' || shape.kind === 'string' || shape.kind === 'scalar';
}
function textLength(shape: Shape): number {
  return shape.kind === 'string' || shape.kind === 'scalar' ? shape.maxLength : MAX_NUMBER_CHARS;
}

/**
 * The lists of a `$concat` or `$zip`: written out, or a generated list of rows (a `$zip`'s
 * rows, or a `$repeat` of a list).
 */
function listsOf(value: unknown, path: string): { length: number; item: Shape | null }[] {
  if (!(value instanceof Many))
    return listOf(value, path).map((list, i) => listShape(list, `${path}[${i}]`));
  if (value.length === 0) return [];
  const row = value.item;
  if (row?.kind !== 'row') throw new TestValueError(`${path}[0]`, 'expected a list');
  const list = {
    length: row.items.length,
    item: row.items.reduce<Shape | null>(union, null),
  };
  return Array.from({ length: value.length }, () => list);
}

class Checker extends ItemBudget {
  check(value: unknown, path: string): unknown {
    const name = generatorName(value);
    if (name !== null) return this.generate(name, (value as Record<string, unknown>)[name], path);
    if (Array.isArray(value)) return value.map((item, i) => this.check(item, `${path}[${i}]`));
    if (isPlainObject(value))
      return dataObject(
        Object.keys(value).map((key) => [key, this.check(value[key], `${path}.${key}`)]),
      );
    return value;
  }

  private generate(name: string, raw: unknown, outer: string): unknown {
    const path = `${outer}.${name}`;
    if (name === '$literal') return copyJson(raw);
    if (!GENERATORS.includes(name))
      throw new TestValueError(path, `unknown generator (known: ${GENERATORS.join(', ')})`);
    const arg = this.check(raw, path);
    switch (name) {
      case '$range': {
        const { count } = rangeArgs(arg, path);
        this.spend(count, path);
        return new Many(count, { kind: 'number' });
      }
      case '$repeat': {
        const [value, count] = repeatArgs(arg, path);
        this.spend(count, path);
        return new Many(count, shapeOf(value));
      }
      case '$concat': {
        const lists = listsOf(arg, path);
        return new Many(
          lists.reduce((sum, list) => sum + list.length, 0),
          lists.reduce<Shape | null>(
            (shape, list) => (list.item ? union(shape, list.item) : shape),
            null,
          ),
        );
      }
      case '$join': {
        const [list, separator] = joinArgs(arg, path);
        const strings = listShape(list, `${path}[0]`);
        if ((strings.item && strings.item.kind !== 'string') || typeof separator !== 'string')
          throw joinsStrings(path);
        // A written-out list's exact total; a generated one's at most its longest each time.
        const texts = Array.isArray(list)
          ? list.reduce((sum: number, item) => sum + textLength(shapeOf(item)), 0)
          : strings.length * (strings.item ? textLength(strings.item) : 0);
        const length = texts + Math.max(0, strings.length - 1) * separator.length;
        this.spend(length, path);
        return new Text(length);
      }
      case '$zip': {
        const lists = listsOf(arg, path);
        const length = lists[0]?.length ?? 0;
        if (lists.some((list) => list.length !== length))
          throw new TestValueError(path, 'lists must have the same length');
        this.spend(length, path);
        return new Many(length, { kind: 'row', items: lists.map((list) => list.item ?? OTHER) });
      }
      case '$format': {
        const { pieces, items } = formatArgs(arg, path);
        const holes = pieces.length - 1;
        const list = listShape(items, `${path}[1]`);
        const fillsOf = (item: Shape) =>
          item.kind === 'row' ? item.items : Array<Shape>(holes).fill(item);
        const fits = (item: Shape) => {
          const fills = fillsOf(item);
          return fills.length === holes && fills.every(isScalarShape);
        };
        // A written-out list is checked item by item, to name the first that does not fit.
        const first = Array.isArray(items)
          ? items.findIndex((item) => !fits(shapeOf(item)))
          : list.item && !fits(list.item) && list.length > 0
            ? 0
            : -1;
        if (first >= 0) throw misfit(path, first, holes);
        const fills = list.item ? fillsOf(list.item) : [];
        this.spend(list.length, path);
        const maxLength =
          pieces.join('').length + fills.reduce((sum, fill) => sum + textLength(fill), 0);
        return new Many(list.length, { kind: 'string', maxLength });
      }
      case '$random':
        return this.random(arg, path);
    }
    throw new TestValueError(path, 'unknown generator');
  }

  private random(arg: unknown, path: string): Many {
    const args = randomArgs(arg, path);
    this.spend(args.count, path);
    if ('from' in args) {
      const choices = listShape(args.from, `${path}.from`);
      if (choices.length === 0) throw new TestValueError(path, 'from must not be empty');
      return new Many(args.count, choices.item);
    }
    return new Many(args.count, { kind: 'number' });
  }
}
