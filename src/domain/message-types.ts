/** Every message on the bus has one of these types; the type alone decides which bus lane carries it. */
export const MESSAGE_TYPES = [
  'MARKET_DATA',
  'PRICE_UPDATE',
  'VOLUME_UPDATE',
  'TRADE_EXECUTION',
  'VPIN_CALCULATION',
  'TOXICITY_ALERT',
  'RISK_METRIC',
  'RISK_ALERT',
  'TRADING_STATE',
  'ML_PREDICTION',
  'MODEL_TRAINING',
  'FEATURE_CALCULATION',
  'FACTOR_CALCULATION',
  'FACTOR_MODEL',
  'ANALYTICS_RESULT',
  'STRATEGY_SIGNAL',
  'PORTFOLIO_UPDATE',
  'PORTFOLIO_REBALANCE',
  'POSITION_CHANGE',
  'COLLATERAL_UPDATE',
  'MARGIN_ALERT',
  'ORDER_COMMAND',
  'ORDER_EVENT',
  'ENGINE_HEALTH',
  'PERFORMANCE_METRIC',
  'BACKTEST_EVENT',
  'WEBSOCKET_BROADCAST',
  'RPC_REQUEST',
  'RPC_RESPONSE',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** MarketData lane: high volume fan-out. Engine-logic lane: everything else, latency-critical. */
export const LANES = ['market_data', 'engine_logic'] as const;
export type Lane = (typeof LANES)[number];

const MARKET_DATA_LANE_TYPES: ReadonlySet<MessageType> = new Set([
  'MARKET_DATA',
  'PRICE_UPDATE',
  'VOLUME_UPDATE',
  'TRADE_EXECUTION',
]);

export function laneOf(type: MessageType): Lane {
  return MARKET_DATA_LANE_TYPES.has(type) ? 'market_data' : 'engine_logic';
}
