import { conflict } from '../errors.ts';
import type { OrderStatus } from './order-types.ts';

/**
 * Legal status transitions. A partial fill while a cancel is pending keeps pending_cancel (the
 * order remembers it is partially filled for a cancel reject). Updates keep the status.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  initialized: ['submitted', 'canceled'],
  submitted: ['accepted', 'rejected', 'canceled'],
  accepted: ['triggered', 'pending_cancel', 'partially_filled', 'filled', 'canceled', 'expired'],
  triggered: ['pending_cancel', 'partially_filled', 'filled', 'canceled', 'expired'],
  partially_filled: ['pending_cancel', 'partially_filled', 'filled', 'canceled', 'expired'],
  pending_cancel: ['pending_cancel', 'accepted', 'triggered', 'partially_filled', 'filled', 'canceled'],
  rejected: [],
  filled: [],
  canceled: [],
  expired: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(orderId: string, from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(`order ${orderId}: illegal transition ${from} -> ${to}`, { orderId, from, to });
  }
}
