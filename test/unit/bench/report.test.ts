import { describe, expect, it } from 'vitest';
import { figureResults, unavailable } from '../../../bench/figures/result.js';
import { judgeGoals } from '../../../bench/goals.js';
import { renderMarkdown } from '../../../bench/report.js';
import { renderSvg } from '../../../bench/report-svg.js';
import type { BenchResults } from '../../../bench/results-file.js';

const figures = [
  ...figureResults(
    'append, 1 account, sequential',
    'events/s',
    new Map([
      ['floor', [1000]],
      ['ledger', [950]],
      ['castore', [700]],
    ]),
  ),
  ...figureResults(
    'load, 100 events',
    'ms',
    new Map([
      ['floor', [4, 5, 6]],
      ['ledger', [5, 6, 9]],
    ]),
  ),
  ...figureResults('bundle size, DepositMoney', 'bytes', new Map([['ledger', [123_456]]]), {
    ledger: 'zod 50 KB',
  }),
  ...figureResults(
    'cold import, DepositMoney',
    'ms',
    new Map([
      ['floor', [80]],
      ['ledger', [100]],
    ]),
  ),
  unavailable('ledger', 'projection lag', 'ms', 'runtime missing'),
];

const results: BenchResults = {
  run: {
    date: '2026-01-02T03:04:05.000Z',
    quick: false,
    durationSeconds: 540,
    node: 'v20.20.2',
    dynamoDbLocal: '3.3.0',
    machine: {
      cores: 2,
      cpuModel: 'Test CPU',
      memoryGiB: 24,
      node: 'v20.20.2',
      dynamoDbLocal: '3.3.0',
    },
    idle: { waitedMs: 3000, busy: 0.05, idle: true },
    loadAverage: { median: 0.4, max: 1.9 },
  },
  figures,
  goals: judgeGoals(figures),
};

describe('renderMarkdown', () => {
  it('names the date, the machine and the versions of the run', () => {
    const page = renderMarkdown(results);

    expect(page).toContain('2026-01-02 03:04 UTC on 2 cores (Test CPU)');
    expect(page).toContain('Node v20.20.2, DynamoDB Local 3.3.0');
  });

  it('says how busy the machine was while measuring', () => {
    const page = renderMarkdown(results);

    expect(page).toMatch(/load average had a median of\s+0\.4 and a maximum of 1\.9/);
  });

  it('tables each figure with the ratio to the floor and shows the plot', () => {
    const page = renderMarkdown(results);

    expect(page).toContain('| append, 1 account, sequential | events/s | 1,000 | 950 (1.05x) |');
    expect(page).toContain('| DepositMoney | 123.5 |');
    expect(page).toContain('![Throughput and latency per contender](benchmarks.svg)');
  });

  it('tables each cold import with its ratio beside its floor, the SDK imports alone', () => {
    const page = renderMarkdown(results);

    expect(page).toContain(
      '| DepositMoney | 123.5 | 100 / 100 (1.25x) | 80.0 / 80.0 | zod 50 KB |',
    );
  });

  it('lists why a figure is missing', () => {
    expect(renderMarkdown(results)).toContain('- ledger: runtime missing');
  });
});

describe('renderSvg', () => {
  it('draws one bar per measured contender and figure, and none for missing ones', () => {
    const svg = renderSvg(results);

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(5);
    expect(svg).not.toContain('projection lag');
  });

  it('escapes text', () => {
    const svg = renderSvg({
      ...results,
      figures: figureResults('a < b & c', 'ms', new Map([['floor', [1]]])),
    });

    expect(svg).toContain('a &lt; b &amp; c');
  });
});
