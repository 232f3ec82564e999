/**
 * A textarea bound to one text of a shared document. Typing edits the document by the
 * smallest change, so a partner typing elsewhere in it keeps their words; when their edits
 * arrive, the caret and selection stay on the same words rather than the same offsets.
 */
import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';
import type { SharedDoc, TextAnchor } from '@/lib/doc-sync';

type Attributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>;

interface Props extends Attributes {
  shared: SharedDoc;
  /** Which text of the document (`DOC_TEXTS`). */
  name: string;
  /** The text as the document holds it now (from `useSharedDoc`). */
  value: string;
  readOnly: boolean;
}

export function DocTextarea({ shared, name, value, readOnly, ...attributes }: Props) {
  const element = useRef<HTMLTextAreaElement>(null);
  /** Where the selection was, as anchors that move with others' edits. */
  const selection = useRef<{ start: TextAnchor; end: TextAnchor } | null>(null);

  const remember = () => {
    const area = element.current;
    if (!area || document.activeElement !== area) return;
    selection.current = {
      start: shared.anchor(name, area.selectionStart),
      end: shared.anchor(name, area.selectionEnd),
    };
  };

  // After a change from elsewhere, put the caret back on the same words.
  useLayoutEffect(() => {
    const area = element.current;
    const held = selection.current;
    if (!area || !held || document.activeElement !== area) return;
    const start = shared.indexOf(held.start);
    const end = shared.indexOf(held.end);
    if (
      start !== null &&
      end !== null &&
      (start !== area.selectionStart || end !== area.selectionEnd)
    )
      area.setSelectionRange(start, end);
  }, [value, shared, name]);

  return (
    <textarea
      {...attributes}
      ref={element}
      value={value}
      readOnly={readOnly}
      onSelect={remember}
      onChange={(event) => {
        const area = event.currentTarget;
        shared.write(name, area.value, area.selectionStart);
        remember();
      }}
    />
  );
}
