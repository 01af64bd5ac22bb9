import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;
}

/** Lua scripts live as files beside this one, each documenting its KEYS and ARGV. */
export function loadScript(name: string): LuaScript {
  const source = readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}
