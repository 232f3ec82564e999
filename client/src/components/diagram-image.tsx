/**
 * A round's whiteboard as an image, for the review. Excalidraw's exporter is fetched only
 * when a diagram is shown.
 *
 * It is a PNG drawn by Excalidraw's canvas exporter, not its SVG: an SVG in an <img> can
 * only show fonts embedded in it, and Excalidraw embeds them by subsetting with a
 * WebAssembly module whose glue code needs `eval`, which the content security policy
 * refuses (it falls back to whole fonts, logging CSP errors). The canvas uses the fonts
 * the page loads from this origin, at twice the size for sharp text.
 */
import { useEffect, useState } from 'react';
import { isBoardElement, type BoardElement } from '@mockloop/shared/board';
import { loadBoard } from '@/lib/board-sync';
import { useTheme } from '@/lib/use-theme';
import type { Theme } from '@/lib/theme';

/** Most text labels quoted in the alt text; the image itself shows them all. */
const ALT_LABELS = 12;
const ALT_LABEL_CHARS = 60;

const SHAPES = new Set(['rectangle', 'ellipse', 'diamond', 'frame', 'magicframe']);
const CONNECTORS = new Set(['arrow', 'line']);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the diagram holds, in words: the counts of its parts and its labels. */
export function describeDiagram(title: string, elements: readonly BoardElement[]): string {
  const drawn = elements.filter((element) => !element.isDeleted);
  const ofType = (types: Set<string>) => drawn.filter((e) => types.has(String(e.type))).length;
  const labels = drawn
    .map((element) => (element.type === 'text' ? String(element.text ?? '') : ''))
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const parts = [
    count(ofType(SHAPES), 'box', 'boxes'),
    count(ofType(CONNECTORS), 'arrow or line', 'arrows and lines'),
    count(drawn.filter((e) => e.type === 'freedraw').length, 'freehand stroke', 'freehand strokes'),
    count(labels.length, 'text label', 'text labels'),
  ];
  const quoted = labels
    .slice(0, ALT_LABELS)
    .map(
      (text) => `“${text.length > ALT_LABEL_CHARS ? `${text.slice(0, ALT_LABEL_CHARS)}…` : text}”`,
    );
  const more = labels.length > ALT_LABELS ? `, and ${labels.length - ALT_LABELS} more` : '';
  return (
    `Whiteboard diagram from the ${title} round: ${parts.join(', ')}.` +
    (quoted.length > 0 ? ` Labels: ${quoted.join(', ')}${more}.` : '')
  );
}

/** The z-order Excalidraw keeps in each element's fractional `index`. */
const zKey = (element: BoardElement) =>
  typeof element.index === 'string' ? element.index : '\uffff';

/** Device pixels per diagram pixel, and the longest side a rendered image may have. */
const PIXEL_RATIO = 2;
const MAX_SIDE_PX = 4096;

interface Rendered {
  blob: Blob;
  width: number;
  height: number;
}

async function render(elements: readonly BoardElement[], theme: Theme): Promise<Rendered> {
  await import('virtual:excalidraw-assets');
  const { exportToBlob, restoreElements } = await import('@excalidraw/excalidraw');
  const ordered = [...elements].sort((a, b) =>
    zKey(a) < zKey(b) ? -1 : zKey(a) > zKey(b) ? 1 : 0,
  );
  const restored = restoreElements(
    ordered as unknown as Parameters<typeof restoreElements>[0],
    null,
  ).filter((element) => !element.isDeleted);
  let size = { width: 0, height: 0 };
  const blob = await exportToBlob({
    elements: restored,
    // The board's own white paper, drawn inverted (as Excalidraw shows it) in the dark theme.
    appState: {
      exportBackground: true,
      viewBackgroundColor: '#ffffff',
      exportWithDarkMode: theme === 'dark',
    },
    files: null,
    exportPadding: 16,
    mimeType: 'image/png',
    getDimensions(width: number, height: number) {
      size = { width, height };
      const scale = Math.min(PIXEL_RATIO, MAX_SIDE_PX / Math.max(width, height));
      return { width: Math.round(width * scale), height: Math.round(height * scale), scale };
    },
  });
  return { blob, ...size };
}

type Diagram =
  | { state: 'loading' }
  | { state: 'empty' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; url: string; alt: string; width: number; height: number };

/**
 * The diagram drawn in round `round` (its index), or a line saying there is none. Given
 * `elements` (an imported report), those are drawn instead of the loop's board.
 */
export function DiagramImage({
  round,
  title,
  elements: given,
}: {
  round: number;
  title: string;
  elements?: readonly BoardElement[];
}) {
  const [diagram, setDiagram] = useState<Diagram>({ state: 'loading' });
  const theme = useTheme();

  useEffect(() => {
    let live = true;
    let url: string | undefined;
    setDiagram({ state: 'loading' });
    (async () => {
      // Only the drawing types a whiteboard keeps are drawn, whoever supplied them.
      const elements = (given ?? (await loadBoard(round))).filter(isBoardElement);
      if (!elements.some((element) => !element.isDeleted)) {
        if (live) setDiagram({ state: 'empty' });
        return;
      }
      const { blob, width, height } = await render(elements, theme);
      if (!live) return;
      url = URL.createObjectURL(blob);
      setDiagram({ state: 'ready', url, alt: describeDiagram(title, elements), width, height });
    })().catch((reason: unknown) => {
      const message = reason instanceof Error ? reason.message : String(reason);
      if (live) setDiagram({ state: 'failed', message });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [round, title, given, theme]);

  switch (diagram.state) {
    case 'loading':
      return <p className="muted">Loading the diagram…</p>;
    case 'empty':
      return <p className="muted">No diagram was drawn.</p>;
    case 'failed':
      return <p className="error">The diagram could not be shown: {diagram.message}</p>;
    case 'ready':
      return (
        <figure className="diagram-image">
          <img
            src={diagram.url}
            alt={diagram.alt}
            width={Math.round(diagram.width)}
            height={Math.round(diagram.height)}
            data-testid="diagram-image"
          />
        </figure>
      );
  }
}
