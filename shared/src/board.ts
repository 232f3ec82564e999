/**
 * The system-design whiteboard's scene, as the server keeps and relays it and as every
 * client draws it. An element is an Excalidraw element of a drawing type people use —
 * shapes, arrows and lines, freehand strokes, text and frames — and nothing else: no
 * embedded pages, no images, no generated HTML, no `customData`. The one rule below is
 * applied by the server to everything it stores and by the client to everything it draws,
 * an imported report included. Zod-free: safe in the browser.
 */

/** Most elements a round's whiteboard may hold (deleted ones included). */
export const BOARD_MAX_ELEMENTS = 2_000;
/** Largest JSON size of one element, in characters. */
export const BOARD_MAX_ELEMENT_CHARS = 32_000;
/** Largest JSON size of a round's whole whiteboard (deleted elements included), in characters. */
export const BOARD_MAX_CHARS = 1_000_000;
/** Most elements one update may carry. */
export const BOARD_MAX_UPDATE_ELEMENTS = 500;
/** Most points of one line, arrow or freehand stroke. */
export const BOARD_MAX_POINTS = 4_000;

/** The drawing types a whiteboard keeps. */
export const BOARD_ELEMENT_TYPES = [
  'rectangle',
  'diamond',
  'ellipse',
  'arrow',
  'line',
  'freedraw',
  'text',
  'frame',
] as const;

/** The fields of an element that decide which of two copies wins. */
export interface BoardElement {
  id: string;
  /** Increases with every edit of the element. */
  version: number;
  /** Random on every edit; breaks ties between two edits of the same version. */
  versionNonce: number;
  isDeleted: boolean;
  [field: string]: unknown;
}

/**
 * Whether `incoming` should replace `current`: the higher version wins, and on a tie
 * the lower nonce, so that every replica picks the same copy whatever the order.
 */
export function elementWins(incoming: BoardElement, current: BoardElement | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  return incoming.versionNonce < current.versionNonce;
}

// ------------------------------------------------------------------ the allow-list

/** Checks one field's value; returns whether it is acceptable. */
type Check = (value: unknown) => boolean;

const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isInteger: Check = (v) => Number.isSafeInteger(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const listOf =
  (check: Check, max: number): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(check);
/** A plain object with only the listed fields, each checked when present. */
const record =
  (fields: Record<string, Check>, required: readonly string[] = []): Check =>
  (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    const entries = Object.entries(v);
    return (
      required.every((key) => Object.hasOwn(v, key)) &&
      entries.every(([key, value]) => Object.hasOwn(fields, key) && fields[key]!(value))
    );
  };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isId: Check = (v) => typeof v === 'string' && ID.test(v);
const point: Check = (v) => Array.isArray(v) && v.length === 2 && v.every(isNumber);
const points = listOf(point, BOARD_MAX_POINTS);
const color = text(64);
/** A link on an element opens in a new tab: only web addresses, no spaces or quotes. */
const WEB_LINK = /^https?:\/\/[^\s"'<>`\\]+$/i;
const webLink: Check = (v) => typeof v === 'string' && v.length <= 2_000 && WEB_LINK.test(v);
const binding = record(
  { elementId: isId, focus: isNumber, gap: isNumber, fixedPoint: orNull(point) },
  ['elementId'],
);
const ARROWHEADS = [
  'arrow',
  'bar',
  'dot',
  'circle',
  'circle_outline',
  'triangle',
  'triangle_outline',
  'diamond',
  'diamond_outline',
  'crowfoot_one',
  'crowfoot_many',
  'crowfoot_one_or_many',
];

/** Fields every drawing type has. */
const COMMON: Record<string, Check> = {
  id: isId,
  type: oneOf(...BOARD_ELEMENT_TYPES),
  x: isNumber,
  y: isNumber,
  width: isNumber,
  height: isNumber,
  angle: isNumber,
  strokeColor: color,
  backgroundColor: color,
  fillStyle: oneOf('hachure', 'cross-hatch', 'solid', 'zigzag'),
  strokeWidth: isNumber,
  strokeStyle: oneOf('solid', 'dashed', 'dotted'),
  roundness: orNull(record({ type: isNumber, value: isNumber }, ['type'])),
  roughness: isNumber,
  opacity: isNumber,
  seed: isInteger,
  version: (v) => isInteger(v) && (v as number) >= 1,
  versionNonce: isInteger,
  index: orNull(text(64)),
  isDeleted: isBoolean,
  groupIds: listOf(isId, 100),
  frameId: orNull(isId),
  boundElements: orNull(listOf(record({ id: isId, type: oneOf('arrow', 'text') }), 500)),
  updated: isNumber,
  link: orNull(webLink),
  locked: isBoolean,
};

const LINEAR: Record<string, Check> = {
  points,
  lastCommittedPoint: orNull(point),
  startBinding: orNull(binding),
  endBinding: orNull(binding),
  startArrowhead: orNull(oneOf(...ARROWHEADS)),
  endArrowhead: orNull(oneOf(...ARROWHEADS)),
};

/** The fields each drawing type may have besides the common ones. */
const FIELDS: Record<(typeof BOARD_ELEMENT_TYPES)[number], Record<string, Check>> = {
  rectangle: {},
  diamond: {},
  ellipse: {},
  frame: { name: orNull(text(200)) },
  text: {
    fontSize: isNumber,
    fontFamily: isNumber,
    text: text(20_000),
    originalText: text(20_000),
    textAlign: oneOf('left', 'center', 'right'),
    verticalAlign: oneOf('top', 'middle', 'bottom'),
    containerId: orNull(isId),
    autoResize: isBoolean,
    lineHeight: isNumber,
    baseline: isNumber,
  },
  line: { ...LINEAR, polygon: isBoolean },
  arrow: {
    ...LINEAR,
    elbowed: isBoolean,
    fixedSegments: orNull(
      listOf(record({ start: point, end: point, index: isInteger }), BOARD_MAX_POINTS),
    ),
    startIsSpecial: orNull(isBoolean),
    endIsSpecial: orNull(isBoolean),
  },
  freedraw: {
    points,
    pressures: listOf(isNumber, BOARD_MAX_POINTS),
    simulatePressure: isBoolean,
    lastCommittedPoint: orNull(point),
  },
};

const REQUIRED = ['id', 'type', 'version', 'versionNonce', 'isDeleted'] as const;

/**
 * Why a value is not a whiteboard element mockloop keeps, or null when it is one: a plain
 * object of an allowed drawing type whose every field is known for that type and holds a
 * value of the right kind and size. Its JSON size is checked separately, by whoever
 * serialises it.
 */
export function boardElementProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'an element must be an object';
  if (Object.getPrototypeOf(value) !== Object.prototype) return 'an element must be plain data';
  const element = value as Record<string, unknown>;
  const type = element.type;
  if (typeof type !== 'string' || !(BOARD_ELEMENT_TYPES as readonly string[]).includes(type))
    return `an element of type "${String(type).slice(0, 32)}" is not allowed on the whiteboard (allowed: ${BOARD_ELEMENT_TYPES.join(', ')})`;
  for (const key of REQUIRED) if (!Object.hasOwn(element, key)) return `an element needs "${key}"`;
  const fields = FIELDS[type as (typeof BOARD_ELEMENT_TYPES)[number]];
  for (const [key, field] of Object.entries(element)) {
    // An undefined field is absent once serialised, as JSON drops it.
    if (field === undefined) continue;
    const check = Object.hasOwn(COMMON, key)
      ? COMMON[key]!
      : Object.hasOwn(fields, key)
        ? fields[key]!
        : undefined;
    if (!check) return `an element of type ${type} may not have "${key.slice(0, 64)}"`;
    if (!check(field)) return `the "${key}" of a ${type} element is not valid`;
  }
  return null;
}

/** Whether a value is an element mockloop keeps and draws (`boardElementProblem`). */
export function isBoardElement(value: unknown): value is BoardElement {
  return boardElementProblem(value) === null;
}
