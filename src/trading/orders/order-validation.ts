import { invalid } from '../errors.ts';
import type { OrderInit } from './order-types.ts';

/** Structural checks of an order request; throws a NautilusError naming the order and the rule. */
export function validateOrderInit(init: OrderInit): void {
  const fail = (message: string) => invalid(`order ${init.id}: ${message}`, { orderId: init.id });
  const tif = init.timeInForce ?? 'GTC';
  if (!init.id) throw invalid('order id is required');
  if (!init.quantity.isPositive()) throw fail(`quantity must be positive, got ${init.quantity}`);
  const needsPrice = init.type === 'limit' || init.type === 'stop-limit';
  const needsTrigger = init.type === 'stop' || init.type === 'stop-limit';
  if (needsPrice && !init.price) throw fail(`${init.type} order needs a price`);
  if (!needsPrice && init.price) throw fail(`${init.type} order takes no price`);
  if (needsTrigger && !init.triggerPrice) throw fail(`${init.type} order needs a triggerPrice`);
  if (!needsTrigger && init.triggerPrice) throw fail(`${init.type} order takes no triggerPrice`);
  if (init.price && !init.price.isPositive()) throw fail(`price must be positive, got ${init.price}`);
  if (init.triggerPrice && !init.triggerPrice.isPositive()) {
    throw fail(`triggerPrice must be positive, got ${init.triggerPrice}`);
  }
  if (init.postOnly) {
    if (init.type !== 'limit') throw fail('postOnly is for limit orders only');
    if (tif === 'IOC' || tif === 'FOK') throw fail(`postOnly cannot be ${tif}`);
  }
  if (init.type === 'market' && (tif === 'GTC' || tif === 'GTD')) {
    throw fail(`market order cannot be ${tif} (use IOC, FOK or DAY)`);
  }
  if (tif === 'GTD') {
    if (init.expireTimeNs === undefined) throw fail('GTD order needs expireTimeNs');
    if (init.expireTimeNs <= init.tsInitNs) throw fail('expireTimeNs must be after tsInitNs');
  } else if (init.expireTimeNs !== undefined) {
    throw fail(`expireTimeNs is only for GTD, not ${tif}`);
  }
  const contingency = init.contingency ?? 'none';
  const linked = init.linkedOrderIds ?? [];
  if (contingency === 'oco' && linked.length === 0) throw fail('oco order needs linkedOrderIds');
  if (contingency !== 'none' && linked.includes(init.id)) throw fail('order cannot link to itself');
}
