import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-main/api/errors.js';
import { readTrackedIds } from '../../../src-main/services/tracked-id-text.js';

describe('readTrackedIds: a plain list', () => {
  it('splits on lines, commas, semicolons, spaces and their full-width forms, without duplicates, in order', () => {
    expect(readTrackedIds(' A1\nA2,A3，A4;A5；A6\tA1 、A7\r\n\n', 'ordersn')).toEqual({ ids: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'], column: null, headers: null, skipped: 0 });
  });

  it('refuses Chinese words (a header the list does not know) instead of tracking them as ids', () => {
    expect(() => readTrackedIds('编号\nDD1\nDD2', 'ordersn')).toThrow(/「编号」等 1 项不是订单号/);
  });
});

describe('readTrackedIds: a table (CSV file or spreadsheet cells)', () => {
  it('reads only the column headed 订单号 from a CSV with a BOM, CRLF and quoted cells', () => {
    const csv = '\uFEFF订单号,商品,金额\r\nDD1,"话费 50 元, 快充",50.00\r\n"DD2",流量,1.00\r\nDD1,重复,1\r\n';
    expect(readTrackedIds(csv, 'ordersn')).toEqual({ ids: ['DD1', 'DD2'], column: '订单号', headers: ['订单号', '商品', '金额'], skipped: 0 });
  });

  it('reads cells copied from a spreadsheet (tabs), and undoes its text markers ="…" and a leading apostrophe', () => {
    expect(readTrackedIds('金额\tOrderSN\n1\t="0012"\n2\t\'0013\n3\t\n', 'ordersn')).toEqual({ ids: ['0012', '0013'], column: 'OrderSN', headers: ['金额', 'OrderSN'], skipped: 0 });
  });

  it('leaves out a totals row (合计) and other Chinese text in the id column, and counts them', () => {
    expect(readTrackedIds('订单号,金额\nDD1,1.00\nDD2,2.00\n合计,3.00\n', 'ordersn')).toMatchObject({ ids: ['DD1', 'DD2'], column: '订单号', skipped: 1 });
  });

  it('reads a one-column table under its header', () => {
    expect(readTrackedIds('订单号\nDD9\n\nDD8\n', 'ordersn')).toEqual({ ids: ['DD9', 'DD8'], column: '订单号', headers: ['订单号'], skipped: 0 });
  });

  it('prefers the header that names the kind: tid before 平台订单号 before 订单号 for Kuaimai', () => {
    expect(readTrackedIds('系统单号,订单号,平台订单号\n1,X1,T1\n2,X2,T2', 'tid')).toMatchObject({ ids: ['T1', 'T2'], column: '平台订单号' });
    expect(readTrackedIds('订单号,tid\nX1,T1', 'tid').column).toBe('tid');
  });

  it('takes the column the merchant names, and says which headers there are when it is missing', () => {
    expect(readTrackedIds('x,y\n1,Y1\n2,Y2', 'tid', 'y')).toMatchObject({ ids: ['Y1', 'Y2'], column: 'y' });
    expect(() => readTrackedIds('x,y\n1,2', 'tid', 'z')).toThrow(/表头中没有「z」列（表头：「x」「y」）/);
  });

  it('refuses a table whose headers name no id column, listing them, rather than importing every cell', () => {
    const read = () => readTrackedIds('编号,金额,时间\n1,2.00,2024-06-01\n', 'ordersn');
    expect(read).toThrow(/表格中找不到订单号列（表头：「编号」「金额」「时间」）/);
    // The headers travel with the error, so the app can offer them to choose from.
    const error = (() => {
      try {
        read();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual({ headers: ['编号', '金额', '时间'] });
  });

  it('takes a comma-separated line of ids for a list, not for a header', () => {
    expect(readTrackedIds('A1,A2\nA3,A4', 'tid')).toEqual({ ids: ['A1', 'A2', 'A3', 'A4'], column: null, headers: null, skipped: 0 });
  });
});

describe('readTrackedIds: ids that cannot be right', () => {
  it('refuses ids a spreadsheet turned into scientific notation, saying how to export them again', () => {
    expect(() => readTrackedIds('订单号\n2.02406E+17\nDD1', 'ordersn')).toThrow(/科学计数法（如 2.02406E\+17）.*设为「文本」/);
  });

  it('refuses ids over 64 characters', () => {
    expect(() => readTrackedIds(`DD1\n${'9'.repeat(65)}`, 'ordersn')).toThrow(/有 1 个订单号超过 64 个字符/);
  });
});
