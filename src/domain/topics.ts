import { type Lane, laneOf, type MessageType } from './message-types.ts';

/**
 * The one place topic strings are built. Topics are dotted (`market_data.quote.AAPL`); the first
 * segment is the topic's family, and each prefix below maps to exactly one message type.
 */
const TOPIC_TYPES: ReadonlyArray<readonly [prefix: string, type: MessageType]> = [
  ['market_data', 'MARKET_DATA'],
  ['price.update', 'PRICE_UPDATE'],
  ['volume.update', 'VOLUME_UPDATE'],
  ['trade.execution', 'TRADE_EXECUTION'],
  ['vpin.calculation', 'VPIN_CALCULATION'],
  ['vpin.enhanced', 'VPIN_CALCULATION'],
  ['toxicity.alert', 'TOXICITY_ALERT'],
  ['risk.metric', 'RISK_METRIC'],
  ['risk.alert', 'RISK_ALERT'],
  ['risk.state', 'TRADING_STATE'],
  ['portfolio.risk', 'RISK_METRIC'],
  ['portfolio.update', 'PORTFOLIO_UPDATE'],
  ['portfolio.rebalance', 'PORTFOLIO_REBALANCE'],
  ['position.change', 'POSITION_CHANGE'],
  ['ml.prediction', 'ML_PREDICTION'],
  ['model.training', 'MODEL_TRAINING'],
  ['feature.calculation', 'FEATURE_CALCULATION'],
  ['feature.update', 'FEATURE_CALCULATION'],
  ['factor.calculation', 'FACTOR_CALCULATION'],
  ['factor.update', 'FACTOR_CALCULATION'],
  ['factor.model', 'FACTOR_MODEL'],
  ['factor.return', 'FACTOR_MODEL'],
  ['analytics.result', 'ANALYTICS_RESULT'],
  ['performance.metric', 'PERFORMANCE_METRIC'],
  ['strategy.signal', 'STRATEGY_SIGNAL'],
  ['collateral.margin', 'COLLATERAL_UPDATE'],
  ['margin.alert', 'MARGIN_ALERT'],
  ['order.command', 'ORDER_COMMAND'],
  ['order.approved', 'ORDER_COMMAND'],
  ['order.event', 'ORDER_EVENT'],
  ['engine.health', 'ENGINE_HEALTH'],
  ['system.health', 'ENGINE_HEALTH'],
  ['backtest', 'BACKTEST_EVENT'],
  ['websocket.broadcast', 'WEBSOCKET_BROADCAST'],
  ['rpc.request', 'RPC_REQUEST'],
  ['rpc.response', 'RPC_RESPONSE'],
];

/** Families in a stable order: a transport keys its streams by family. */
export const TOPIC_FAMILIES: readonly string[] = [...new Set(TOPIC_TYPES.map(([p]) => p.split('.')[0]!))];

const FAMILY_LANES: ReadonlyMap<string, Lane> = new Map(
  TOPIC_TYPES.map(([prefix, type]) => [prefix.split('.')[0]!, laneOf(type)] as const),
);

/** Every family lives on exactly one lane (checked for every prefix at load). */
export function laneOfFamily(family: string): Lane {
  const lane = FAMILY_LANES.get(family);
  if (!lane) throw new TypeError(`unknown topic family: ${JSON.stringify(family)}`);
  return lane;
}

for (const [prefix, type] of TOPIC_TYPES) {
  if (laneOfFamily(prefix.split('.')[0]!) !== laneOf(type))
    throw new Error(`topic family of ${prefix} spans two lanes`);
}

const SEGMENT = /^[A-Za-z0-9_\-/:]+$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value)) {
    throw new TypeError(
      `invalid ${what} for a topic segment: ${JSON.stringify(value)} (allowed: A-Z a-z 0-9 _ - / :)`,
    );
  }
  return value;
}

function build(prefix: string, ...parts: Array<[string, string]>): string {
  let topic = prefix;
  for (const [value, what] of parts) topic += `.${segment(value, what)}`;
  return topic;
}

export const topics = {
  marketData: {
    trade: (symbol: string) => build('market_data.trade', [symbol, 'symbol']),
    quote: (symbol: string) => build('market_data.quote', [symbol, 'symbol']),
    book: (symbol: string) => build('market_data.book', [symbol, 'symbol']),
    bar: (symbol: string, spec: string) => build('market_data.bar', [symbol, 'symbol'], [spec, 'bar spec']),
    status: (symbol: string) => build('market_data.status', [symbol, 'symbol']),
  },
  price: { update: (symbol: string) => build('price.update', [symbol, 'symbol']) },
  volume: { update: (symbol: string) => build('volume.update', [symbol, 'symbol']) },
  trade: { execution: (symbol: string) => build('trade.execution', [symbol, 'symbol']) },
  vpin: {
    calculation: (symbol: string) => build('vpin.calculation', [symbol, 'symbol']),
    enhanced: (symbol: string) => build('vpin.enhanced', [symbol, 'symbol']),
  },
  toxicity: { alert: (symbol: string) => build('toxicity.alert', [symbol, 'symbol']) },
  risk: {
    metric: (name: string) => build('risk.metric', [name, 'metric name']),
    alert: (kind: string) => build('risk.alert', [kind, 'alert kind']),
    state: () => 'risk.state.changed',
  },
  portfolio: {
    update: (account: string) => build('portfolio.update', [account, 'account']),
    rebalance: (account: string) => build('portfolio.rebalance', [account, 'account']),
    risk: (name: string) => build('portfolio.risk', [name, 'metric name']),
  },
  position: { change: (symbol: string) => build('position.change', [symbol, 'symbol']) },
  strategy: {
    signal: (strategy: string, symbol: string) =>
      build('strategy.signal', [strategy, 'strategy'], [symbol, 'symbol']),
  },
  order: {
    submit: (strategy: string) => build('order.command.submit', [strategy, 'strategy']),
    cancel: (strategy: string) => build('order.command.cancel', [strategy, 'strategy']),
    approved: (venue: string) => build('order.approved', [venue, 'venue']),
    event: (kind: string, symbol: string) => build('order.event', [kind, 'event kind'], [symbol, 'symbol']),
  },
  ml: { prediction: (model: string) => build('ml.prediction', [model, 'model']) },
  model: { trainingComplete: (model: string) => build('model.training.complete', [model, 'model']) },
  feature: {
    calculation: (symbol: string) => build('feature.calculation', [symbol, 'symbol']),
    update: (symbol: string) => build('feature.update', [symbol, 'symbol']),
  },
  factor: {
    calculation: (name: string) => build('factor.calculation', [name, 'factor']),
    update: (name: string) => build('factor.update', [name, 'factor']),
    model: (name: string) => build('factor.model', [name, 'model']),
    return: (name: string) => build('factor.return', [name, 'factor']),
  },
  analytics: { result: (kind: string) => build('analytics.result', [kind, 'result kind']) },
  performance: { metric: (engine: string) => build('performance.metric', [engine, 'engine']) },
  collateral: { margin: (account: string) => build('collateral.margin', [account, 'account']) },
  margin: { alert: (account: string) => build('margin.alert', [account, 'account']) },
  engine: { health: (engine: string) => build('engine.health', [engine, 'engine']) },
  system: { health: (engine: string) => build('system.health', [engine, 'engine']) },
  backtest: {
    progress: (runId: string) => build('backtest.progress', [runId, 'run id']),
    result: (runId: string) => build('backtest.result', [runId, 'run id']),
  },
  websocket: { broadcast: (channel: string) => build('websocket.broadcast', [channel, 'channel']) },
  rpc: {
    request: (endpoint: string) => build('rpc.request', [endpoint, 'endpoint']),
    response: (instance: string) => build('rpc.response', [instance, 'instance']),
  },
  /** A subscription pattern: every topic under `prefix` (`pattern('vpin')` is `vpin.*`). */
  pattern: (prefix: string) => {
    for (const part of prefix.split('.')) segment(part, 'pattern prefix');
    return `${prefix}.*`;
  },
  everything: '*',
} as const;

const typeCache = new Map<string, MessageType>();

/** The message type a topic carries (longest matching prefix); cached, it is asked on every publish. */
export function messageTypeOf(topic: string): MessageType {
  const cached = typeCache.get(topic);
  if (cached !== undefined) return cached;
  const type = resolveMessageType(topic);
  if (typeCache.size >= 100_000) typeCache.clear();
  typeCache.set(topic, type);
  return type;
}

function resolveMessageType(topic: string): MessageType {
  let best: MessageType | undefined;
  let bestLength = -1;
  for (const [prefix, type] of TOPIC_TYPES) {
    if (prefix.length > bestLength && (topic === prefix || topic.startsWith(`${prefix}.`))) {
      best = type;
      bestLength = prefix.length;
    }
  }
  if (best === undefined) throw new TypeError(`unknown topic family: ${JSON.stringify(topic)}`);
  return best;
}

export function familyOf(topic: string): string {
  const dot = topic.indexOf('.');
  return dot === -1 ? topic : topic.slice(0, dot);
}

/** Patterns are an exact topic, `prefix.*`, or `*`; a `*` anywhere but the end is refused. */
export function validatePattern(pattern: string): string {
  const star = pattern.indexOf('*');
  const ok =
    pattern === '*' ||
    (star === -1 && pattern.length > 0) ||
    (star === pattern.length - 1 && pattern.endsWith('.*') && pattern.length > 2);
  if (!ok)
    throw new TypeError(`invalid topic pattern ${JSON.stringify(pattern)}: use a topic, "prefix.*" or "*"`);
  const family = familyOf(pattern);
  if (pattern !== '*' && !TOPIC_FAMILIES.includes(family)) {
    throw new TypeError(`invalid topic pattern ${JSON.stringify(pattern)}: unknown family "${family}"`);
  }
  return pattern;
}

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  const prefixLength = pattern.length - 1;
  if (pattern.charCodeAt(prefixLength) === 42 /* '*' */) {
    // `prefix.*` matches topics that start with `prefix.` (compared in place: no substring per call).
    if (topic.length <= prefixLength) return false;
    for (let i = 0; i < prefixLength; i++) if (topic.charCodeAt(i) !== pattern.charCodeAt(i)) return false;
    return true;
  }
  return pattern === topic;
}

/** Families a pattern can reach: a transport reads only these. */
export function familiesOf(pattern: string): readonly string[] {
  return pattern === '*' ? TOPIC_FAMILIES : [familyOf(pattern)];
}
