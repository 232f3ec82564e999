/**
 * The smallest edit that turns one text into another: what a textarea's change means to a
 * shared document, so that a partner's edits elsewhere in the text survive it.
 */
export interface TextEdit {
  index: number;
  /** Characters removed at `index`. */
  remove: number;
  /** Text inserted at `index`, after the removal. */
  insert: string;
}

/**
 * The edit from `before` to `after`: the text between their common start and common end.
 * Where that is ambiguous (a letter typed after the same letter), the edit is placed to end
 * at `caret`, where the cursor is after the change, when it can.
 */
export function textEdit(before: string, after: string, caret = after.length): TextEdit {
  const shorter = Math.min(before.length, after.length);
  // The common end may not reach into the part before the caret the edit must cover.
  const endLimit = Math.min(shorter, after.length - Math.min(caret, after.length));
  let end = 0;
  while (end < endLimit && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  let start = 0;
  while (start < shorter - end && before[start] === after[start]) start++;
  // A caret that leaves no room (a paste that replaced text): take the longest common end.
  while (start + end < shorter && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}
