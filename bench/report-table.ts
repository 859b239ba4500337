import type { FigureResult } from './figures/result.js';
import type { GoalResult } from './goals.js';
import type { BenchResults } from './results-file.js';

const CONTENDERS = [
  'floor',
  'ledger',
  'ledger-nocache',
  'ledger+snapshots',
  'castore',
  'castore-natural',
] as const;

const number = (value: number): string => {
  if (value >= 100) {
    return Math.round(value).toLocaleString('en-US');
  }
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
};

const ratioText = (ratio: number): string =>
  ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2);

/** "median", "median / p99" for latencies, then the cost relative to the floor. */
export const cell = (figure: FigureResult | undefined): string => {
  if (!figure) {
    return '';
  }
  if (figure.median === null) {
    return 'n/a';
  }
  const p99 = figure.p99 === null ? '' : ` / ${number(figure.p99)}`;
  const ratio =
    figure.contender === 'floor' || figure.ratioToFloor === null
      ? ''
      : ` (${ratioText(figure.ratioToFloor)}x)`;
  return `${number(figure.median)}${p99}${ratio}`;
};

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

const isPerFunction = (figure: string): boolean =>
  figure.startsWith('bundle size, ') || figure.startsWith('cold import, ');

const comparisonTable = (figures: readonly FigureResult[]): string[] => {
  const names = [...new Set(figures.filter((f) => !isPerFunction(f.figure)).map((f) => f.figure))];
  return [
    row(['figure', 'unit', ...CONTENDERS]),
    row(['---', '---', ...CONTENDERS.map(() => '---:')]),
    ...names.map((name) => {
      const of = (contender: string) =>
        figures.find((f) => f.figure === name && f.contender === contender);
      const unit = figures.find((f) => f.figure === name)?.unit ?? '';
      const label = unit === 'ms' ? 'ms (median / p99)' : unit;
      return row([name, label, ...CONTENDERS.map((c) => cell(of(c)))]);
    }),
  ];
};

const functionTable = (figures: readonly FigureResult[]): string[] => {
  const sizes = figures.filter((f) => f.figure.startsWith('bundle size, '));
  return [
    row([
      'function',
      'bundle (KB, minified)',
      'cold import (ms, median / p99)',
      'floor: its static SDK imports alone (ms)',
      'largest parts',
    ]),
    row(['---', '---:', '---:', '---:', '---']),
    ...sizes.map((size) => {
      const id = size.figure.slice('bundle size, '.length);
      const of = (contender: string) =>
        figures.find((f) => f.figure === `cold import, ${id}` && f.contender === contender);
      const kb = size.median === null ? 'n/a' : (size.median / 1000).toFixed(1);
      return row([id, kb, cell(of('ledger')), cell(of('floor')), size.note ?? '']);
    }),
  ];
};

const goalTable = (goals: readonly GoalResult[]): string[] => [
  row(['goal', 'result', 'detail']),
  row(['---', '---', '---']),
  ...goals.map((g) =>
    row([g.goal, g.met === null ? 'not measured' : g.met ? 'met' : 'MISSED', g.detail]),
  ),
];

const notes = (figures: readonly FigureResult[]): string[] => {
  const unique = new Map<string, string>();
  for (const f of figures) {
    if (f.note !== undefined && !isPerFunction(f.figure)) {
      unique.set(`${f.contender}: ${f.note}`, '');
    }
  }
  return [...unique.keys()].map((note) => `- ${note}`);
};

/** The results as Markdown tables: comparison, per-function bundles, goals, notes. */
export const formatTable = (results: BenchResults): string =>
  [
    ...comparisonTable(results.figures),
    '',
    ...functionTable(results.figures),
    '',
    ...goalTable(results.goals),
    '',
    ...notes(results.figures),
  ].join('\n');
