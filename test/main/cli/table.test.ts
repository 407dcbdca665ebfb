import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src-main/cli/table.js';

describe('formatTable', () => {
  it('lines up columns counting CJK characters as two cells, amounts and counts flush right', () => {
    const text = formatTable(
      ['账户 account', '金额 total', 'n'],
      [
        ['演示-卡速售', '¥148.00', '7'],
        ['shop', 'US$1,814.47', '12'],
      ],
      { alignRight: [1, 2] },
    );
    expect(text.split('\n')).toEqual([
      '账户 account   金额 total   n',
      '------------  -----------  --',
      '演示-卡速售       ¥148.00   7',
      'shop          US$1,814.47  12',
    ]);
  });

  it('keeps every column flush left unless asked', () => {
    expect(formatTable(['a', 'b'], [['1', '22'], ['333', '4']]).split('\n')).toEqual(['a    b', '---  --', '1    22', '333  4']);
  });
});
