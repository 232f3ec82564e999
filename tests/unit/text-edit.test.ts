/** The smallest edit between two texts, as a textarea's change is given to a shared document. */
import { describe, expect, it } from 'vitest';
import { textEdit, type TextEdit } from '../../client/src/lib/text-edit';

const apply = (text: string, { index, remove, insert }: TextEdit) =>
  text.slice(0, index) + insert + text.slice(index + remove);

describe('textEdit', () => {
  it('places a letter typed after the same letter where the caret is', () => {
    expect(textEdit('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(textEdit('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(textEdit('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
  });

  it('finds a deletion, a replaced selection and a paste', () => {
    expect(textEdit('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    expect(textEdit('hello world', 'hello there', 11)).toEqual({
      index: 6,
      remove: 5,
      insert: 'there',
    });
    expect(textEdit('ab', 'aXYZb', 4)).toEqual({ index: 1, remove: 0, insert: 'XYZ' });
  });

  it('is empty when nothing changed', () => {
    expect(textEdit('same', 'same', 2)).toMatchObject({ remove: 0, insert: '' });
  });

  it('always turns the old text into the new one, and touches no more than it must', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = (n: number) =>
      Array.from({ length: n }, () => 'ab \n'[Math.floor(random() * 4)]).join('');
    for (let i = 0; i < 2000; i++) {
      const before = word(Math.floor(random() * 12));
      const at = Math.floor(random() * (before.length + 1));
      const cut = Math.floor(random() * (before.length - at + 1));
      const typed = word(Math.floor(random() * 4));
      const after = before.slice(0, at) + typed + before.slice(at + cut);
      const edit = textEdit(before, after, at + typed.length);
      expect(apply(before, edit)).toBe(after);
      // Never larger than the change that was made.
      expect(edit.remove).toBeLessThanOrEqual(cut);
      expect(edit.insert.length).toBeLessThanOrEqual(typed.length);
    }
  });
});
