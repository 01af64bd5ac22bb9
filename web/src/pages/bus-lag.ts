import type { BusStatus } from '../api/types.ts';

/** Consumer-group lag summed over streams and lanes; the group is the engine's name. */
export function lagByGroup(status: BusStatus): Map<string, number> {
  const lag = new Map<string, number>();
  for (const lane of status.lanes)
    for (const group of lane.groups) lag.set(group.group, (lag.get(group.group) ?? 0) + (group.lag ?? 0));
  return lag;
}
