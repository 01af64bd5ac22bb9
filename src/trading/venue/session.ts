import type { Nanos } from '../../domain/time.ts';
import type { Order } from '../orders/order.ts';

export const NS_PER_DAY = 86_400_000_000_000n;

/** The first session end (UTC time of day `endUtcNs`) strictly after `tsNs`. */
export function nextSessionEndNs(tsNs: Nanos, endUtcNs: Nanos): Nanos {
  const dayStart = tsNs - (((tsNs % NS_PER_DAY) + NS_PER_DAY) % NS_PER_DAY);
  const today = dayStart + (((endUtcNs % NS_PER_DAY) + NS_PER_DAY) % NS_PER_DAY);
  return today > tsNs ? today : today + NS_PER_DAY;
}

/** When a working order expires: GTD at expireTimeNs, DAY at the session end after acceptance. */
export function expiryOf(order: Order, acceptedNs: Nanos, endUtcNs: Nanos): Nanos | undefined {
  if (order.timeInForce === 'GTD') return order.expireTimeNs;
  if (order.timeInForce === 'DAY') return nextSessionEndNs(acceptedNs, endUtcNs);
  return undefined;
}

/** The later of two timestamps (Math.max does not take bigints). */
export function laterNs(a: Nanos, b: Nanos): Nanos {
  if (a >= b) return a;
  return b;
}
