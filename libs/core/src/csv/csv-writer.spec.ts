import { parse } from 'csv-parse/sync';
import { neutraliseCell, restoreCell, writeCsv } from './csv-writer';

describe('writeCsv', () => {
  it('neutralises every text cell a spreadsheet would run as a formula, and quotes it', () => {
    const live = ['=WEBSERVICE("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '  =1', '＝1+1'];
    const text = writeCsv([live]);
    expect(text).toBe(
      `"'=WEBSERVICE(""http://x"")","'+1+1","'-2+3","'@SUM(A1)","'\t=1","'\r=1","'\n=1","'  =1","'＝1+1"\n`,
    );
    expect((parse(text) as string[][])[0]).toEqual(live.map((cell) => `'${cell}`));
  });

  it('leaves ordinary text alone, writes numbers as numbers and null as empty', () => {
    expect(
      writeCsv([['Ana Castillo', 'a=b', 'x@example.org', "O'Brien", 'Perú, Lima', -3, 2.5, null, undefined]]),
    ).toBe(`Ana Castillo,a=b,x@example.org,O'Brien,"Perú, Lima",-3,2.5,,\n`);
    // A phone number is text: it starts with a sign, so it is neutralised like any other text.
    expect(neutraliseCell('+51 1 234 5678')).toBe("'+51 1 234 5678");
    expect(neutraliseCell('')).toBe('');
  });

  it('starts with a byte-order mark when asked', () => {
    expect(writeCsv([['a']], { bom: true })).toBe('\uFEFFa\n');
  });

  it('reads back what it wrote: restoreCell undoes exactly the neutralisation', () => {
    for (const cell of ['=1', '+51 1 234 5678', '-', '@x', '\t=1', 'plain', "'quoted", "'=already"]) {
      expect(restoreCell(neutraliseCell(cell))).toBe(cell);
    }
    expect(restoreCell("'plain")).toBe("'plain");
  });
});
