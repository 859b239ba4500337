import { moneyOf, type RecordedEvent } from './timeline.js';
import { formatMinor } from '../money.js';

const svgNs = 'http://www.w3.org/2000/svg';
const width = 600;
const height = 180;
const pad = 28;

const svg = (tag: string, attributes: Readonly<Record<string, string | number>>): SVGElement => {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
};

/** The balance after each event as a line over versions; its label reads the same numbers out. */
export const balanceChart = (events: readonly RecordedEvent[]): Element => {
  const points = events.flatMap((event) => {
    const { balanceAfter } = moneyOf(event);
    return balanceAfter === undefined ? [] : [{ version: event.version, balance: balanceAfter }];
  });
  const label = `Balance over versions: ${points.map((p) => `${formatMinor(p.balance)} at version ${p.version}`).join(', ')}`;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': label,
    class: 'chart',
  });
  const maxBalance = Math.max(1, ...points.map((p) => p.balance));
  const maxVersion = Math.max(2, ...points.map((p) => p.version));
  const x = (version: number) => pad + ((version - 1) / (maxVersion - 1)) * (width - 2 * pad);
  const y = (balance: number) => height - pad - (balance / maxBalance) * (height - 2 * pad);
  chart.append(
    svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }),
  );
  chart.append(
    svg('polyline', {
      points: points.map((p) => `${x(p.version)},${y(p.balance)}`).join(' '),
      class: 'line',
    }),
  );
  for (const point of points) {
    chart.append(svg('circle', { cx: x(point.version), cy: y(point.balance), r: 4, class: 'dot' }));
    const text = svg('text', {
      x: x(point.version),
      y: y(point.balance) - 8,
      'text-anchor': 'middle',
    });
    text.textContent = formatMinor(point.balance);
    chart.append(text);
  }
  return chart;
};
