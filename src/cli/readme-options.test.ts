import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configOptionsMarkdown, describeConfig } from '../core/config/describe-config.ts';
import { engineSchemas } from '../engines/host/kernel.ts';

describe('README', () => {
  it('lists every config option as `nautilus config --describe` does (regenerate the table if this fails)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme
      .split('<!-- config-options:start -->\n')[1]
      ?.split('\n<!-- config-options:end -->')[0];
    expect(table).toBe(configOptionsMarkdown(describeConfig(engineSchemas())).trim());
  });
});
