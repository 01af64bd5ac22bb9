import { describe, expect, it } from 'vitest';
import { CLUSTER_SLOTS, crc16, keySlot } from './crc16.ts';

describe('crc16 / keySlot (Redis Cluster hashing)', () => {
  it('is CRC16-CCITT XMODEM: the check value of "123456789" is 0x31C3', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    expect(crc16('')).toBe(0);
  });

  it('gives the slots the Redis cluster spec lists', () => {
    // From the cluster tutorial: `foo` is in slot 12182, `hello` in 866.
    expect(keySlot('foo')).toBe(12_182);
    expect(keySlot('hello')).toBe(866);
  });

  it('hashes only a non-empty hash tag, from the first { to the next }', () => {
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
    expect(keySlot('{user1000}.followers')).toBe(keySlot('{user1000}.following'));
    expect(keySlot('foo{}{bar}')).toBe(crc16('foo{}{bar}') % CLUSTER_SLOTS);
    expect(keySlot('foo{{bar}}zap')).toBe(crc16('{bar') % CLUSTER_SLOTS);
    expect(keySlot('foo{bar}{zap}')).toBe(keySlot('bar'));
    expect(keySlot('no-tag{')).toBe(crc16('no-tag{') % CLUSTER_SLOTS);
  });
});
