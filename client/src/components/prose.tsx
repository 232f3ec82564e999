/**
 * Renders authored text as paragraphs and lists (see prose-blocks.ts); `code` between
 * backticks becomes <code>. Everything is a text node, never HTML.
 */
import { toBlocks } from './prose-blocks';

/** `code` spans between backticks become <code> elements. */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

export function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {toBlocks(text).map((block, i) =>
        block.kind === 'text' ? (
          <p key={i} className="prose__paragraph">
            {withCode(block.text)}
          </p>
        ) : (
          <ul key={i} className="prose__list">
            {block.items.map((item, j) => (
              <li key={j}>{withCode(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
