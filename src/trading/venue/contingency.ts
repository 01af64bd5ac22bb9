import type { Nanos } from '../../domain/time.ts';
import type { Quantity } from '../money/price.ts';
import { contingentActions } from '../orders/contingent.ts';
import type { OrderStore, Working } from './order-store.ts';

/**
 * Applies the contingency rules (orders/contingent.ts) after an event of `w`. Cancels done here are
 * emitted silently (they do not trigger rules themselves): otherwise a partial take-profit fill
 * would cancel the stop-loss, whose cancel would cancel the rest of the take-profit.
 */
export function applyContingency(
  store: OrderStore,
  w: Working,
  tsNs: Nanos,
  activate: (child: Working, quantity: Quantity) => void,
): void {
  if (w.order.contingency === 'none' || !w.arrived) return;
  const actions = contingentActions(w.order, store.lookup);
  for (const id of actions.cancel) {
    const other = store.get(id);
    if (other && !other.order.isTerminal && other.order.status !== 'submitted') {
      store.emit(other, { type: 'canceled', orderId: id, tsNs }, true);
    }
  }
  for (const { orderId, quantity } of actions.activate) {
    const child = store.get(orderId);
    if (child && child.order.status === 'initialized') activate(child, quantity);
  }
}
