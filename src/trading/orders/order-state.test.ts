import { describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import { assertTransition, canTransition } from './order-state.ts';

describe('order state machine table', () => {
  it('allows the happy paths', () => {
    expect(canTransition('initialized', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'accepted')).toBe(true);
    expect(canTransition('submitted', 'rejected')).toBe(true);
    expect(canTransition('accepted', 'partially_filled')).toBe(true);
    expect(canTransition('partially_filled', 'filled')).toBe(true);
    expect(canTransition('accepted', 'triggered')).toBe(true);
    expect(canTransition('pending_cancel', 'canceled')).toBe(true);
  });

  it('forbids illegal moves', () => {
    expect(canTransition('initialized', 'accepted')).toBe(false);
    expect(canTransition('submitted', 'filled')).toBe(false);
    expect(canTransition('filled', 'canceled')).toBe(false);
    expect(canTransition('canceled', 'accepted')).toBe(false);
    expect(canTransition('partially_filled', 'accepted')).toBe(false);
  });

  it('throws a NautilusError naming order, from and to', () => {
    let caught: unknown;
    try {
      assertTransition('O-S-1', 'filled', 'canceled');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NautilusError);
    expect((caught as NautilusError).message).toBe('order O-S-1: illegal transition filled -> canceled');
    expect((caught as NautilusError).details).toEqual({ orderId: 'O-S-1', from: 'filled', to: 'canceled' });
    expect((caught as NautilusError).code).toBe('LIFECYCLE');
  });
});
