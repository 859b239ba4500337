import { ratioToFloor, summarize, type Direction } from '../harness.js';

export type Unit = 'events/s' | 'commands/s' | 'ms' | 'bytes' | 'units' | 'USD';

/** One measured figure of one contender, as written to the JSON results and the README table. */
export interface FigureResult {
  readonly contender: string;
  readonly figure: string;
  readonly unit: Unit;
  readonly median: number | null;
  /** Only for latencies; a throughput is one number per block, whose tail says little. */
  readonly p99: number | null;
  /** Cost relative to the floor (1.0 = the floor, above = slower); null without a floor figure. */
  readonly ratioToFloor: number | null;
  readonly samples: number;
  /** Why a figure is missing or how to read it. */
  readonly note?: string;
}

const direction = (unit: Unit): Direction =>
  unit === 'events/s' || unit === 'commands/s' ? 'higher-is-better' : 'lower-is-better';

/** Summarises each contender's samples and relates them to the floor's median. */
export const figureResults = (
  figure: string,
  unit: Unit,
  samples: ReadonlyMap<string, readonly number[]>,
  notes: Readonly<Record<string, string>> = {},
): FigureResult[] => {
  const floor = samples.get('floor');
  const floorMedian = floor ? summarize(floor).median : undefined;
  return [...samples].map(([contender, values]) => {
    const { median, p99, count } = summarize(values);
    const note = notes[contender];
    return {
      contender,
      figure,
      unit,
      median: median ?? null,
      p99: unit === 'ms' ? (p99 ?? null) : null,
      ratioToFloor: ratioToFloor(median, floorMedian, direction(unit)) ?? null,
      samples: count,
      ...(note === undefined ? {} : { note }),
    };
  });
};

/** A figure that could not be measured in this run, with the reason. */
export const unavailable = (
  contender: string,
  figure: string,
  unit: Unit,
  note: string,
): FigureResult => ({
  contender,
  figure,
  unit,
  median: null,
  p99: null,
  ratioToFloor: null,
  samples: 0,
  note,
});
