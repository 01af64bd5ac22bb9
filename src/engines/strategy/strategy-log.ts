import type { Logger } from '../../core/logger.ts';
import type { StrategyLog } from '../../trading/strategy/strategy-context.ts';

/** A strategy's log lines go to the engine logger, tagged with the strategy id. */
export function strategyLog(logger: Logger, strategyId: string): StrategyLog {
  const child = logger.child({ strategy: strategyId });
  return {
    debug: (message, fields) => child.debug(fields ?? {}, message),
    info: (message, fields) => child.info(fields ?? {}, message),
    warn: (message, fields) => child.warn(fields ?? {}, message),
    error: (message, fields) => child.error(fields ?? {}, message),
  };
}
