/**
 * JSON form of margin results: every amount a decimal string (exact, never a float). Account
 * amounts are to the cent as report.ts rounds them, group requirements rounded up to the cent;
 * cash and market values are exact (at least two decimals), stress internals exact.
 */
import type { Fixed } from '../../trading/money/fixed.ts';
import { centsUp, money, trimScale } from './exact.ts';
import type { MarginSnapshot, ProjectedMargin } from './projected.ts';
import type { MarginReport } from './report.ts';

const text = (value: Fixed) => value.toString();
/** Group-level amounts computed at high scale: trailing zeros dropped for reading. */
const exact = (value: Fixed) => trimScale(value).toString();

export function presentReport(report: MarginReport) {
  return {
    method: report.method,
    cash: money(report.cash),
    longMarketValue: money(report.longValue),
    shortMarketValue: money(report.shortValue),
    equity: text(report.equity),
    requirement: text(report.requirement),
    initialRequirement: text(report.initialRequirement),
    excess: text(report.excess),
    deficit: text(report.call),
    initialExcess: text(report.initialExcess),
    status: report.inCall ? ('margin-call' as const) : ('ok' as const),
    call: text(report.call),
    cashToCure: text(report.cashToCure),
    liquidationToCure: report.liquidationToCure === null ? null : text(report.liquidationToCure),
    groups: report.groups.map((group) => ({
      symbol: group.group,
      netQuantity: exact(group.netQuantity),
      marketValue: money(group.marketValue),
      requirement: text(centsUp(group.requirement)),
      callTriggersWhenPrice: group.trigger.direction,
      triggerPrice: group.trigger.price === null ? null : text(group.trigger.price),
      liquidationToCure: group.liquidationToCure && {
        quantity: exact(group.liquidationToCure.quantity),
        value: text(group.liquidationToCure.value),
      },
      ...(group.stress
        ? {
            stress: {
              worstMove: exact(group.stress.worstMove),
              worstLoss: exact(group.stress.worstLoss),
              minimum: exact(group.stress.minimum),
            },
          }
        : {}),
    })),
  };
}

function presentSnapshot(snapshot: MarginSnapshot) {
  return {
    equity: text(snapshot.equity),
    requirement: text(snapshot.requirement),
    initialRequirement: text(snapshot.initialRequirement),
    excess: text(snapshot.excess),
    call: text(snapshot.call),
  };
}

export function presentProjection(projection: ProjectedMargin) {
  return {
    before: presentSnapshot(projection.before),
    after: presentSnapshot(projection.after),
    wouldCall: projection.wouldCall,
    increasesExposure: projection.increasesExposure,
    initialShortfall: text(projection.initialShortfall),
  };
}
