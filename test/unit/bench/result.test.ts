import { describe, expect, it } from 'vitest';
import { figureResults, unavailable } from '../../../bench/figures/result.js';
import { cell } from '../../../bench/report-table.js';

describe('figureResults', () => {
  it('relates each latency median to the floor median', () => {
    const samples = new Map([
      ['floor', [2, 2, 2]],
      ['ledger', [2.2, 2.3, 2.4]],
    ]);

    const [floor, ledger] = figureResults('append latency', 'ms', samples);

    expect(floor).toMatchObject({ contender: 'floor', median: 2, p99: 2, ratioToFloor: 1 });
    expect(ledger?.median).toBe(2.3);
    expect(ledger?.p99).toBe(2.4);
    expect(ledger?.ratioToFloor).toBeCloseTo(1.15);
  });

  it('gives throughputs no p99 and a ratio above 1 when slower than the floor', () => {
    const samples = new Map([
      ['floor', [1000]],
      ['castore', [500]],
    ]);

    const [, castore] = figureResults('append', 'events/s', samples);

    expect(castore).toMatchObject({ median: 500, p99: null, ratioToFloor: 2, samples: 1 });
  });

  it('leaves the ratio null without a floor', () => {
    const [size] = figureResults('bundle size, X', 'bytes', new Map([['ledger', [1234]]]));

    expect(size).toMatchObject({ median: 1234, ratioToFloor: null });
  });

  it('attaches a contender note', () => {
    const [ledger] = figureResults('x', 'ms', new Map([['ledger', [1]]]), { ledger: 'cached' });

    expect(ledger?.note).toBe('cached');
  });
});

describe('cell', () => {
  it('shows median / p99 and the ratio to the floor', () => {
    const [, ledger] = figureResults(
      'x',
      'ms',
      new Map([
        ['floor', [2]],
        ['ledger', [3]],
      ]),
    );

    expect(cell(ledger)).toBe('3.00 / 3.00 (1.50x)');
  });

  it('shows n/a for a figure that was not measured', () => {
    expect(cell(unavailable('ledger', 'x', 'ms', 'later'))).toBe('n/a');
  });
});
