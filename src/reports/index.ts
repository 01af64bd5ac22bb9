export type {
  BacktestReportInput,
  EquityPoint,
  FillSide,
  MetricFormat,
  PricePoint,
  PriceSeries,
  ReportFill,
  ReportMetric,
} from './backtest-result.ts';
export { escapeHtml, formatMetricValue, formatNumber } from './format.ts';
export {
  equityDrawdown,
  MAX_FILL_ROWS,
  type RenderOptions,
  renderBacktestReport,
} from './render-backtest-report.ts';
export { writeBacktestReport } from './write-report.ts';
