import { stringify } from 'yaml';
import { describeConfig } from '../core/config/describe-config.ts';
import { redactConfig } from '../core/config/redact-config.ts';
import { engineSchemas } from '../engines/host/kernel.ts';
import { type ConfigFlags, loadCliConfig } from './config-flags.ts';
import { renderTable } from './table.ts';

/** `nautilus config`: the effective config (secrets masked), or with --describe every option. */
export function configCommand(
  flags: ConfigFlags & { describe?: boolean; json?: boolean },
  out: (text: string) => void,
): number {
  if (flags.describe) {
    const options = describeConfig(engineSchemas());
    if (flags.json) {
      out(`${JSON.stringify(options, null, 2)}\n`);
    } else {
      const rows = options.map((o) => [
        o.path,
        o.env,
        o.default === undefined ? '-' : JSON.stringify(o.default),
        o.description,
      ]);
      out(`${renderTable(['OPTION', 'ENV', 'DEFAULT', 'DESCRIPTION'], rows)}\n`);
    }
    return 0;
  }
  const { config, file } = loadCliConfig(flags);
  const safe = redactConfig(config);
  if (flags.json) out(`${JSON.stringify(safe, null, 2)}\n`);
  else
    out(`# effective config (${file ? `file ${file}` : 'no config file'} + env + flags)\n${stringify(safe)}`);
  return 0;
}
