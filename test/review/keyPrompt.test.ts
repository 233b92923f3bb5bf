import { describe, expect, it } from 'vitest';
import { typedCharacter } from '../../src/review/keyPrompt.js';

describe('typedCharacter: what one keypress typed', () => {
  it('reads letters, digits and "?" (which readline names only by its sequence)', () => {
    expect(typedCharacter({ name: 'a', ctrl: false, shift: false, sequence: 'a' })).toBe('a');
    expect(typedCharacter({ name: 'a', ctrl: false, shift: true, sequence: 'A' })).toBe('a');
    expect(typedCharacter({ name: '7', ctrl: false, shift: false, sequence: '7' })).toBe('7');
    expect(typedCharacter({ name: undefined as unknown as string, ctrl: false, shift: false, sequence: '?' })).toBe(
      '?',
    );
  });

  it('reads nothing from keys that type no character', () => {
    expect(typedCharacter({ name: 'return', ctrl: false, shift: false, sequence: '\r' })).toBeNull();
    expect(typedCharacter({ name: 'up', ctrl: false, shift: false, sequence: '\x1b[A' })).toBeNull();
    expect(typedCharacter({ name: 'u', ctrl: true, shift: false, sequence: '\x15' })).toBeNull();
    expect(typedCharacter({ name: 'escape', ctrl: false, shift: false, sequence: '\x1b' })).toBeNull();
  });
});
