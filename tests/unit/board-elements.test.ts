import { describe, expect, it } from 'vitest';
import { BOARD_ELEMENT_TYPES, boardElementProblem, isBoardElement } from '../../shared/src/board';

/** The common fields Excalidraw 0.18 writes on every element. */
const base = {
  id: 'Xk2_a-9',
  x: 10,
  y: -4.5,
  width: 120,
  height: 60,
  angle: 0,
  strokeColor: '#1e1e1e',
  backgroundColor: 'transparent',
  fillStyle: 'solid',
  strokeWidth: 2,
  strokeStyle: 'solid',
  roughness: 1,
  opacity: 100,
  groupIds: [],
  frameId: null,
  index: 'a0',
  roundness: { type: 3 },
  seed: 1968410350,
  version: 12,
  versionNonce: 1359250159,
  isDeleted: false,
  boundElements: [{ id: 'arrow1', type: 'arrow' }],
  updated: 1_765_000_000_000,
  link: null,
  locked: false,
};
const linear = {
  points: [
    [0, 0],
    [120, 40],
  ],
  lastCommittedPoint: null,
  startBinding: { elementId: 'box1', focus: 0.1, gap: 4 },
  endBinding: { elementId: 'box2', focus: 0, gap: 4, fixedPoint: [0.5, 1] },
  startArrowhead: null,
  endArrowhead: 'arrow',
};

const samples: Record<(typeof BOARD_ELEMENT_TYPES)[number], object> = {
  rectangle: { ...base, type: 'rectangle' },
  diamond: { ...base, type: 'diamond' },
  ellipse: { ...base, type: 'ellipse', roundness: null },
  frame: { ...base, type: 'frame', name: 'Serving path' },
  text: {
    ...base,
    type: 'text',
    fontSize: 20,
    fontFamily: 5,
    text: 'Feature\nstore',
    originalText: 'Feature store',
    textAlign: 'center',
    verticalAlign: 'middle',
    containerId: 'box1',
    autoResize: true,
    lineHeight: 1.25,
  },
  line: { ...base, type: 'line', ...linear, endArrowhead: null },
  arrow: {
    ...base,
    type: 'arrow',
    ...linear,
    elbowed: true,
    fixedSegments: [{ start: [0, 0], end: [60, 0], index: 1 }],
    startIsSpecial: null,
    endIsSpecial: false,
  },
  freedraw: {
    ...base,
    type: 'freedraw',
    points: [
      [0, 0],
      [1, 2],
      [3, 5],
    ],
    pressures: [0.5, 0.5, 0.6],
    simulatePressure: true,
    lastCommittedPoint: [3, 5],
  },
};

describe('the whiteboard allow-list', () => {
  it('keeps every drawing type as Excalidraw writes it', () => {
    for (const [type, element] of Object.entries(samples))
      expect(boardElementProblem(element), type).toBeNull();
    // A field JSON would drop is no field at all.
    expect(isBoardElement({ ...samples.rectangle, customData: undefined })).toBe(true);
  });

  it('refuses embedded pages, images and anything not drawn', () => {
    for (const type of ['iframe', 'embeddable', 'image', 'magicframe', 'selection', 'script', 7])
      expect(boardElementProblem({ ...base, type }), String(type)).toMatch(/is not allowed/);
    expect(boardElementProblem(null)).toMatch(/must be an object/);
    expect(boardElementProblem([samples.rectangle])).toMatch(/must be an object/);
    expect(boardElementProblem(new Map())).toMatch(/plain data/);
  });

  it('refuses customData, unknown fields and fields of another type', () => {
    expect(boardElementProblem({ ...samples.rectangle, customData: {} })).toMatch(/"customData"/);
    expect(boardElementProblem({ ...samples.rectangle, fileId: 'f1' })).toMatch(/"fileId"/);
    expect(boardElementProblem({ ...samples.rectangle, text: 'hi' })).toMatch(/"text"/);
    expect(boardElementProblem({ ...samples.ellipse, points: [[0, 0]] })).toMatch(/"points"/);
    const polluted = JSON.parse(`{"id":"p","type":"rectangle","version":1,"versionNonce":1,
      "isDeleted":false,"__proto__":{"admin":true}}`) as object;
    expect(boardElementProblem(polluted)).toMatch(/"__proto__"/);
  });

  it('checks the kind and size of every value', () => {
    const bad: [string, object][] = [
      ['version', { version: 0 }],
      ['version', { version: 1.5 }],
      ['x', { x: Number.NaN }],
      ['x', { x: '10' }],
      ['id', { id: '../etc' }],
      ['fillStyle', { fillStyle: 'url(evil)' }],
      ['strokeColor', { strokeColor: 'x'.repeat(65) }],
      ['groupIds', { groupIds: ['ok', { id: 1 }] }],
      ['boundElements', { boundElements: [{ id: 'a', type: 'iframe' }] }],
      ['roundness', { roundness: { type: 3, extra: 1 } }],
      ['isDeleted', { isDeleted: 'no' }],
    ];
    for (const [field, change] of bad)
      expect(boardElementProblem({ ...samples.rectangle, ...change }), field).toMatch(
        new RegExp(`"${field}"`),
      );
    expect(boardElementProblem({ ...samples.freedraw, points: Array(4_001).fill([0, 0]) })).toMatch(
      /"points"/,
    );
    expect(boardElementProblem({ ...samples.text, text: 'x'.repeat(20_001) })).toMatch(/"text"/);
    const { version: _dropped, ...unversioned } = samples.rectangle as { version: number };
    expect(boardElementProblem(unversioned)).toMatch(/needs "version"/);
  });

  it('allows links to web pages only', () => {
    for (const link of ['https://wiki.example.org/design#scale', 'http://10.0.0.5:8080/doc'])
      expect(boardElementProblem({ ...samples.rectangle, link }), link).toBeNull();
    for (const link of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
      '//evil.example',
      'https://x.example/"onmouseover="x',
      'https://x.example/ spaced',
    ])
      expect(boardElementProblem({ ...samples.rectangle, link }), link).toMatch(/"link"/);
  });
});
