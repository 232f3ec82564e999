/**
 * Renders authored text: a blank line starts a paragraph; a line break inside a
 * paragraph is kept only before list items, so text wrapped in the YAML source
 * reflows. Always rendered as text nodes, never as HTML.
 */
export function toParagraphs(text: string): string[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph.replace(/\n(?!\s*(?:[-*•]|\d+[.)])\s)/g, ' ').replace(/[ \t]+/g, ' '),
    );
}

/** `code` spans between backticks become <code> elements; everything stays a text node. */
function withCode(paragraph: string) {
  return paragraph.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

export function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {toParagraphs(text).map((paragraph, i) => (
        <p key={i} className="prose__paragraph">
          {withCode(paragraph)}
        </p>
      ))}
    </div>
  );
}
