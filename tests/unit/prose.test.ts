import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../client/src/components/prose-blocks';

describe('prose blocks', () => {
  it('reflows wrapped lines and keeps paragraphs', () => {
    expect(toBlocks('one line\nwrapped here\n\nsecond paragraph')).toEqual([
      { kind: 'text', text: 'one line wrapped here' },
      { kind: 'text', text: 'second paragraph' },
    ]);
  });

  it('turns marker lines into a list, with indented continuation lines', () => {
    expect(toBlocks('Rules:\n- first\n  continued\n- second\nAfter.')).toEqual([
      { kind: 'text', text: 'Rules:' },
      { kind: 'list', items: ['first continued', 'second'] },
      { kind: 'text', text: 'After.' },
    ]);
  });
});
