import { describe, expect, it } from 'vitest';
import { selectors } from './deploy-files.ts';

describe('selectors', () => {
  it('finds each nautilus metric with its matchers, and up only as a selector', () => {
    expect(
      selectors(
        'max without (instance, target_engine) (increase(nautilus_bus_messages_total{event="deadLettered", exported_instance=~"$process"}[5m])) > 0 and up{job="nautilus"} == 1 or nautilus_event_loop_lag_seconds',
      ),
    ).toEqual([
      {
        metric: 'nautilus_bus_messages_total',
        matchers: [
          { label: 'event', op: '=', value: 'deadLettered' },
          { label: 'exported_instance', op: '=~', value: '$process' },
        ],
      },
      { metric: 'up', matchers: [{ label: 'job', op: '=', value: 'nautilus' }] },
      { metric: 'nautilus_event_loop_lag_seconds', matchers: [] },
    ]);
    expect(selectors('label_values(nautilus_engine_up, exported_instance)')).toEqual([
      { metric: 'nautilus_engine_up', matchers: [] },
    ]);
    expect(selectors('count(x) by (setup)')).toEqual([]);
  });
});
