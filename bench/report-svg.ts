import type { FigureResult } from './figures/result.js';
import type { BenchResults } from './results-file.js';

const COLORS: Readonly<Record<string, string>> = {
  floor: '#8c8c8c',
  ledger: '#1f6fb4',
  'ledger-nocache': '#4a90c8',
  'ledger+snapshots': '#7fb2de',
  castore: '#e8830c',
};

const ORDER = Object.keys(COLORS);
const rank = (contender: string): number => ORDER.indexOf(contender);

const WIDTH = 960;
const LABEL = 120;
const BAR_MAX = 600;
const BAR = 14;
const GAP = 4;
const GROUP_GAP = 14;

const escape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const fmt = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);

const text = (x: number, y: number, content: string, extra = ''): string =>
  `<text x="${x}" y="${y}"${extra}>${escape(content)}</text>`;

interface Panel {
  readonly title: string;
  readonly figures: readonly FigureResult[];
}

/** One group of bars per figure; each group is scaled to its own largest value (p99 included). */
const panel = ({ title, figures }: Panel, top: number): { svg: string[]; height: number } => {
  const svg = [text(0, top + 16, title, ' font-weight="bold" font-size="15"')];
  let y = top + 30;
  for (const name of [...new Set(figures.map((f) => f.figure))]) {
    const group = figures
      .filter((f) => f.figure === name && f.median !== null)
      .sort((a, b) => rank(a.contender) - rank(b.contender));
    if (group.length === 0) {
      continue;
    }
    const max = Math.max(...group.map((f) => Math.max(f.median ?? 0, f.p99 ?? 0)));
    svg.push(
      text(0, y + 12, `${name} (${group[0]?.unit ?? ''})`, ' font-size="12" font-weight="bold"'),
    );
    y += 18;
    for (const f of group) {
      const scale = (value: number): number => (max > 0 ? (value / max) * BAR_MAX : 0);
      const width = Math.max(1, scale(f.median ?? 0));
      const color = COLORS[f.contender] ?? '#444';
      svg.push(
        `<rect x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${color}"/>`,
      );
      if (f.p99 !== null) {
        const px = LABEL + scale(f.p99);
        svg.push(
          `<line x1="${LABEL + width}" y1="${y + BAR / 2}" x2="${px}" y2="${y + BAR / 2}" stroke="${color}"/>`,
          `<line x1="${px}" y1="${y + 2}" x2="${px}" y2="${y + BAR - 2}" stroke="${color}" stroke-width="2"/>`,
        );
      }
      svg.push(text(LABEL - 8, y + 11, f.contender, ' font-size="11" text-anchor="end"'));
      const label = `${fmt(f.median ?? 0)}${f.p99 === null ? '' : ` / p99 ${fmt(f.p99)}`}`;
      svg.push(
        text(LABEL + Math.max(width, scale(f.p99 ?? 0)) + 6, y + 11, label, ' font-size="11"'),
      );
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  return { svg, height: y - top };
};

const comparable = (f: FigureResult): boolean =>
  !['bundle size, ', 'cold import, ', 'cold start, '].some((prefix) => f.figure.startsWith(prefix));

/** The README plot: throughput (higher is better) above latency (median bar, p99 whisker). */
export const renderSvg = (results: BenchResults): string => {
  const figures = results.figures.filter(comparable);
  const { date, machine } = results.run;
  const header = `Ledger benchmark, ${date.slice(0, 10)}: ${machine.cores} cores, Node ${machine.node}, DynamoDB Local ${machine.dynamoDbLocal}`;
  const throughput = panel(
    {
      title: 'Throughput (higher is better)',
      figures: figures.filter((f) => f.unit.endsWith('/s')),
    },
    30,
  );
  const latency = panel(
    {
      title: 'Latency, ms (lower is better; bar = median, whisker = p99)',
      figures: figures.filter((f) => f.unit === 'ms'),
    },
    30 + throughput.height + 10,
  );
  const height = 30 + throughput.height + 10 + latency.height + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    '<g transform="translate(12,0)">',
    text(0, 16, header, ' font-size="13" fill="#333"'),
    ...throughput.svg,
    ...latency.svg,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
};
