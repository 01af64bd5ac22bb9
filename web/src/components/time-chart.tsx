import {
  CandlestickSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';

export interface LinePoint {
  time: number;
  value: number;
}

export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface ChartLine {
  id: string;
  color: string;
  points: LinePoint[];
  /** Horizontal threshold lines on this series' scale. */
  levels?: Array<{ price: number; color: string; title: string }>;
  priceScaleId?: 'left' | 'right';
}

interface TimeChartProps {
  testId: string;
  height?: number;
  lines?: ChartLine[];
  candles?: Candle[];
}

/** Time must rise strictly: points of the same second keep the last value. */
function ascending<T extends { time: number }>(points: T[]): T[] {
  const out: T[] = [];
  for (const point of [...points].sort((a, b) => a.time - b.time)) {
    const time = Math.floor(point.time);
    if (out.length > 0 && out[out.length - 1]!.time === time) out[out.length - 1] = { ...point, time };
    else out.push({ ...point, time });
  }
  return out;
}

const COLORS = {
  background: '#0f141b',
  text: '#8b98a9',
  grid: '#1b2430',
  up: '#26a69a',
  down: '#ef5350',
};

/** A lightweight-charts time chart of line series and/or candles; `data-points` counts what it shows. */
export function TimeChart({ testId, height = 260, lines = [], candles }: TimeChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef(new Map<string, ISeriesApi<SeriesType>>());
  const fitted = useRef(false);

  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, {
      height,
      autoSize: true,
      layout: { background: { color: COLORS.background }, textColor: COLORS.text, fontSize: 11 },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: COLORS.grid },
      rightPriceScale: { borderColor: COLORS.grid },
      leftPriceScale: { borderColor: COLORS.grid },
    });
    chart.current = created;
    fitted.current = false;
    const owned = series.current;
    return () => {
      owned.clear();
      created.remove();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    const api = chart.current;
    if (!api) return;
    for (const [id, existing] of series.current) {
      if (id === 'candles' ? candles : lines.some((line) => line.id === id)) continue;
      api.removeSeries(existing);
      series.current.delete(id);
    }
    if (candles) {
      let candleSeries = series.current.get('candles');
      if (!candleSeries) {
        candleSeries = api.addSeries(CandlestickSeries, {
          upColor: COLORS.up,
          downColor: COLORS.down,
          wickUpColor: COLORS.up,
          wickDownColor: COLORS.down,
          borderVisible: false,
        });
        series.current.set('candles', candleSeries);
      }
      candleSeries.setData(ascending(candles).map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    }
    for (const line of lines) {
      let lineSeries = series.current.get(line.id);
      if (!lineSeries) {
        lineSeries = api.addSeries(LineSeries, {
          color: line.color,
          lineWidth: 2,
          priceScaleId: line.priceScaleId ?? 'right',
        });
        if (line.priceScaleId === 'left') api.applyOptions({ leftPriceScale: { visible: true } });
        for (const level of line.levels ?? [])
          lineSeries.createPriceLine({
            price: level.price,
            color: level.color,
            lineStyle: LineStyle.Dashed,
            lineWidth: 1,
            axisLabelVisible: true,
            title: level.title,
          });
        series.current.set(line.id, lineSeries);
      }
      lineSeries.setData(
        ascending(line.points).map((p) => ({ time: p.time as UTCTimestamp, value: p.value })),
      );
    }
    // Fit the first data in view; later updates keep the user's zoom and scroll.
    const hasData = (candles?.length ?? 0) > 0 || lines.some((line) => line.points.length > 0);
    if (hasData && !fitted.current) {
      api.timeScale().fitContent();
      fitted.current = true;
    }
  }, [lines, candles]);

  const points = (candles?.length ?? 0) + lines.reduce((sum, line) => sum + line.points.length, 0);
  return (
    <div className="chart" ref={container} data-testid={testId} data-points={points} style={{ height }} />
  );
}
