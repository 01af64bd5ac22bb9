import { type Nanos, NS_PER_MS } from '../../domain/time.ts';

export interface HeartbeatView {
  engine: string;
  instance: string;
  state: string;
  detail: string | null;
  lastHeartbeatNs: Nanos;
  ageMs: number;
}

interface Beat {
  engine: string;
  instance: string;
  state: string;
  detail?: string;
  tsNs: Nanos;
}

/** The last `engine.health.*` heartbeat of every engine instance. */
export class EngineHeartbeats {
  private readonly beats = new Map<string, Beat>();

  apply(beat: Beat): void {
    this.beats.set(`${beat.engine}\u0000${beat.instance}`, beat);
  }

  list(nowNs: Nanos): HeartbeatView[] {
    return [...this.beats.values()]
      .sort((a, b) => a.engine.localeCompare(b.engine) || a.instance.localeCompare(b.instance))
      .map((beat) => ({
        engine: beat.engine,
        instance: beat.instance,
        state: beat.state,
        detail: beat.detail ?? null,
        lastHeartbeatNs: beat.tsNs,
        ageMs: Math.max(0, Number((nowNs - beat.tsNs) / NS_PER_MS)),
      }));
  }
}
