import type { DataSource } from '../sources/source.ts';

/**
 * A configured source, built on first use: a source whose key is missing still lists itself and
 * answers each request with the error that says which setting to add.
 */
export interface SourceSlot {
  name: string;
  title: string;
  /** Real API hosts plus the configured base URL's host:port; the egress guard blocks them. */
  hosts: readonly string[];
  /** Whether the credential the source needs (if any) is configured. */
  credentialConfigured: boolean;
  create: () => DataSource;
}

export class SourceSlots {
  private readonly slots = new Map<string, SourceSlot>();
  private readonly built = new Map<string, DataSource>();

  constructor(slots: readonly SourceSlot[]) {
    for (const slot of slots) this.slots.set(slot.name, slot);
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  slot(name: string): SourceSlot | undefined {
    return this.slots.get(name);
  }

  /** Builds the source on first use; a failed build is not kept, so fixing config and retrying works. */
  source(name: string): DataSource | undefined {
    const existing = this.built.get(name);
    if (existing) return existing;
    const slot = this.slots.get(name);
    if (!slot) return undefined;
    const source = slot.create();
    this.built.set(name, source);
    return source;
  }

  builtSources(): DataSource[] {
    return [...this.built.values()];
  }

  hosts(): string[] {
    return [...this.slots.values()].flatMap((slot) => slot.hosts);
  }

  async close(): Promise<void> {
    const sources = [...this.built.values()];
    this.built.clear();
    await Promise.all(sources.map((source) => source.close()));
  }
}
