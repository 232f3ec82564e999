/**
 * Splits authored text into paragraphs and lists: a blank line starts a paragraph;
 * lines starting with "- ", "* " or "1." become a list; other line breaks reflow, so
 * text wrapped in the YAML source reads as prose.
 */
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;

export type Block = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

/** Splits text into paragraphs and lists, joining wrapped lines. */
export function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const paragraph of text.trim().split(/\n\s*\n/)) {
    for (const line of paragraph.split('\n')) {
      const last = blocks.at(-1);
      if (LIST_ITEM.test(line)) {
        const item = line.replace(LIST_ITEM, '').trim();
        if (last?.kind === 'list') last.items.push(item);
        else blocks.push({ kind: 'list', items: [item] });
      } else if (last?.kind === 'list' && /^\s+\S/.test(line)) {
        // An indented line continues the list item above it.
        last.items[last.items.length - 1] += ` ${line.trim()}`;
      } else if (last?.kind === 'text' && !last.text.endsWith('\n\n')) {
        last.text += ` ${line.trim()}`;
      } else {
        blocks.push({ kind: 'text', text: line.trim() });
      }
    }
    const last = blocks.at(-1);
    if (last?.kind === 'text') last.text += '\n\n';
    else blocks.push({ kind: 'text', text: '\n\n' });
  }
  return blocks
    .map((b): Block => (b.kind === 'text' ? { kind: 'text', text: b.text.trim() } : b))
    .filter((b) => b.kind === 'list' || b.text !== '');
}
