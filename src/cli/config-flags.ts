import type { Command } from 'commander';
import type { ConfigEntry } from '../core/config/config-entries.ts';
import { parseValue } from '../core/config/config-entries.ts';
import { type LoadedConfig, loadConfig, setFlagEntry } from '../core/config/load-config.ts';
import { engineSchemas } from '../engines/host/kernel.ts';

/** The flags every command that reads the config accepts. */
export interface ConfigFlags {
  config?: string;
  engines?: string;
  bus?: string;
  portOffset?: string;
  set?: string[];
}

export function addConfigFlags(command: Command): Command {
  return command
    .option(
      '--config <file>',
      'config file (default: NAUTILUS_CONFIG, else nautilus.config.{json,yaml,yml} here)',
    )
    .option('--engines <list>', 'engines to run: comma-separated names or "all"')
    .option('--bus <transport>', 'bus transport: memory or redis')
    .option('--port-offset <n>', "added to every engine's default port")
    .option(
      '--set <key.path=value>',
      'set any config option (repeatable)',
      (value, all: string[]) => [...all, value],
      [],
    );
}

/** Flags are the last config source: named flags first, then each --set in order. */
export function flagEntries(flags: ConfigFlags): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  if (flags.engines !== undefined)
    entries.push({ path: ['engines'], value: flags.engines, source: 'flag --engines' });
  if (flags.bus !== undefined)
    entries.push({ path: ['bus', 'transport'], value: flags.bus, source: 'flag --bus' });
  if (flags.portOffset !== undefined) {
    entries.push({
      path: ['http', 'portOffset'],
      value: parseValue(flags.portOffset),
      source: 'flag --port-offset',
    });
  }
  for (const assignment of flags.set ?? []) entries.push(setFlagEntry(assignment));
  return entries;
}

export function loadCliConfig(flags: ConfigFlags): LoadedConfig {
  return loadConfig({
    configPath: flags.config,
    overrides: flagEntries(flags),
    engineSchemas: engineSchemas(),
  });
}
