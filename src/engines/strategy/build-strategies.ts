import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { invalid } from '../../trading/errors.ts';
import { createStrategy } from '../../trading/strategy/strategies/registry.ts';
import type { InstrumentLookup } from '../../trading/strategy/strategy-context.ts';
import { BusStrategyClock } from './bus-strategy-clock.ts';
import { BusStrategyContext, type Publish } from './bus-strategy-context.ts';
import type { EventTime } from './event-time.ts';
import { HostedStrategy } from './hosted-strategy.ts';
import type { StrategyConfig } from './manifest.ts';
import { strategyLog } from './strategy-log.ts';
import type { StrategyHistory } from './strategy-restore.ts';

export interface BuildDeps {
  clock: Clock;
  time: EventTime;
  instruments: InstrumentLookup;
  logger: Logger;
  publish: Publish;
  /** Earlier runs' ids and fills per strategy id (from the store). */
  history?: ReadonlyMap<string, StrategyHistory>;
}

/**
 * Creates, attaches and wires every configured strategy. Throws (faulting the engine start) on
 * invalid params (the message names the strategy and the param) or a repeated id.
 */
export function buildStrategies(config: StrategyConfig, deps: BuildDeps): HostedStrategy[] {
  const hosted: HostedStrategy[] = [];
  const ids = new Set<string>();
  for (const entry of config.strategies) {
    const id = entry.id ?? entry.name;
    if (ids.has(id)) throw invalid(`strategy id "${id}" is configured twice: give each an id`);
    ids.add(id);
    const strategy = createStrategy(entry.name, id, entry.params);
    let self: HostedStrategy | undefined;
    const clock = new BusStrategyClock(id, deps.clock, deps.time, (name, scheduledNs) =>
      deps.time.run(scheduledNs, () => self?.onTimer(name)),
    );
    const context = new BusStrategyContext({
      strategyId: id,
      instruments: deps.instruments,
      clock,
      log: strategyLog(deps.logger, id),
      publish: deps.publish,
      orderIdStart: deps.history?.get(id)?.orderIdStart ?? 0,
    });
    for (const fill of deps.history?.get(id)?.fills ?? []) {
      try {
        context.restoreFill(fill);
      } catch (error) {
        deps.logger.error({ strategy: id, orderId: fill.orderId, err: error }, 'stored fill not restored');
      }
    }
    strategy.attach(context);
    self = new HostedStrategy({
      name: entry.name,
      strategy,
      context,
      barSpec: entry.barSpec ?? config.barSpec,
      onError: (strategyId, where, error) =>
        deps.logger.error({ strategy: strategyId, err: error }, `strategy ${strategyId}: ${where} failed`),
    });
    hosted.push(self);
  }
  return hosted;
}
