/**
 * The Excalidraw editor, synced live with the loop's other participants. Its own chunk
 * (Excalidraw and its CSS come with it), loaded only when a system-design round shows it.
 */
import '@excalidraw/excalidraw/index.css';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import {
  CaptureUpdateAction,
  Excalidraw,
  MainMenu,
  reconcileElements,
  restoreElements,
} from '@excalidraw/excalidraw';
import type { RemoteExcalidrawElement } from '@excalidraw/excalidraw/data/reconcile';
import type {
  ExcalidrawElement,
  OrderedExcalidrawElement,
} from '@excalidraw/excalidraw/element/types';
import type { ExcalidrawImperativeAPI, UIOptions } from '@excalidraw/excalidraw/types';
import { isBoardElement, type BoardElement } from '@mockloop/shared/board';
import { loadBoard, onBoardUpdated, sendBoardElements } from '@/lib/board-sync';
import { useStore } from '@/store/store';
import { useTheme } from '@/lib/use-theme';
import { inSceneOrder } from './board-ledger';
import { BoardSession, type BoardScene, type BoardSyncStatus } from './board-session';

type Element = OrderedExcalidrawElement;

/**
 * Copies from the server, held to the whiteboard's allow-list, then checked and completed
 * by Excalidraw (it drops what it cannot draw).
 */
const restore = (elements: readonly BoardElement[]): Element[] =>
  restoreElements(
    inSceneOrder(elements.filter(isBoardElement)) as unknown as ExcalidrawElement[],
    null,
  );

// No file menu (the board lives with the loop), no images (their files are not synced).
const UI_OPTIONS: Partial<UIOptions> = {
  canvasActions: { loadScene: false, saveToActiveFile: false, export: false },
  tools: { image: false },
};

// Embeds would load other sites' pages, which the content security policy refuses anyway.
const noEmbeds = () => false;

function sceneOf(api: ExcalidrawImperativeAPI): BoardScene<Element> {
  return {
    elements: () => api.getSceneElementsIncludingDeleted(),
    apply(winners) {
      // Excalidraw's own merge: keeps an element being edited here, fixes the z-order.
      const merged = reconcileElements(
        api.getSceneElementsIncludingDeleted(),
        winners as RemoteExcalidrawElement[],
        api.getAppState(),
      );
      api.updateScene({ elements: merged, captureUpdate: CaptureUpdateAction.NEVER });
    },
  };
}

interface Props {
  round: number;
  editable: boolean;
  /** The scene's name, used for an exported image's file name. */
  name: string;
  onStatus(status: BoardSyncStatus): void;
}

function Whiteboard({ round, editable, name, onStatus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const session = useRef<BoardSession<Element> | null>(null);
  const [initial, setInitial] = useState<Element[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The board follows the page's theme; its own theme toggle is left out of its menu.
  const theme = useTheme();
  // A viewer never sends: the server would refuse it, and the session would retry forever.
  const canSend = useRef(editable);
  canSend.current = editable;

  useEffect(() => {
    const current = new BoardSession<Element>({
      // What the server would refuse is never sent: it stays on this screen only.
      send: (elements) => sendBoardElements(round, elements.filter(isBoardElement)),
      onStatus,
    });
    session.current = current;
    // Subscribed before loading: what arrives meanwhile waits in the session.
    const unsubscribe = onBoardUpdated((from, elements) => {
      if (from === round) current.receive(restore(elements));
    });
    let live = true;
    setError(null);
    loadBoard(round).then(
      (elements) => {
        if (!live) return;
        current.seed(elements);
        setInitial(restore(elements));
      },
      (reason: unknown) => {
        if (live) setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
    return () => {
      live = false;
      unsubscribe();
      current.dispose();
    };
  }, [round, onStatus, attempt]);

  // Back online after a drop: take what the others drew meanwhile, send what was not stored.
  useEffect(() => {
    return useStore.subscribe((state, previous) => {
      if (state.connection !== 'online' || previous.connection === 'online') return;
      const current = session.current;
      if (!current) return;
      loadBoard(round).then(
        (elements) => {
          current.receive(restore(elements));
          if (canSend.current) void current.flush();
        },
        () => canSend.current && void current.flush(),
      );
    });
  }, [round]);

  const showCount = (elements: readonly Element[]) =>
    host.current?.setAttribute(
      'data-element-count',
      String(elements.filter((element) => !element.isDeleted).length),
    );

  const attach = useCallback((api: ExcalidrawImperativeAPI) => {
    session.current?.attach(sceneOf(api));
    showCount(api.getSceneElementsIncludingDeleted());
  }, []);

  const changed = useCallback((elements: readonly Element[]) => {
    showCount(elements);
    if (canSend.current) session.current?.changed();
  }, []);

  if (error)
    return (
      <div className="banner banner--warn" role="alert">
        The whiteboard could not be loaded: {error}{' '}
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  if (!initial) return <p className="muted">Loading the whiteboard…</p>;
  return (
    <div
      className="whiteboard__canvas"
      ref={host}
      data-testid="whiteboard-canvas"
      data-element-count={initial.filter((element) => !element.isDeleted).length}
    >
      <Excalidraw
        initialData={{ elements: initial, scrollToContent: true }}
        excalidrawAPI={attach}
        onChange={changed}
        viewModeEnabled={!editable}
        name={name}
        UIOptions={UI_OPTIONS}
        aiEnabled={false}
        validateEmbeddable={noEmbeds}
        theme={theme}
      >
        <MainMenu>
          <MainMenu.DefaultItems.SaveAsImage />
          <MainMenu.DefaultItems.SearchMenu />
          <MainMenu.DefaultItems.Help />
          {editable && <MainMenu.DefaultItems.ClearCanvas />}
          <MainMenu.Separator />
          <MainMenu.DefaultItems.ChangeCanvasBackground />
        </MainMenu>
      </Excalidraw>
    </div>
  );
}

export default memo(Whiteboard);
