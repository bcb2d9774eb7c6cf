import { describe, expect, it } from 'vitest';
import { LeaveShortcut } from './leaveQuickly';

function shortcut() {
  let now = 0;
  let left = 0;
  const s = new LeaveShortcut(() => left++, () => now);
  return {
    press: (key: string, at: number, repeat = false) => {
      now = at;
      s.onKeyDown({ key, repeat });
    },
    left: () => left,
  };
}

describe('LeaveShortcut', () => {
  it('leaves on Escape pressed twice within a second', () => {
    const s = shortcut();
    s.press('Escape', 0);
    expect(s.left()).toBe(0);
    s.press('Escape', 600);
    expect(s.left()).toBe(1);
  });

  it('does not leave on two Escapes far apart, or on a held key', () => {
    const s = shortcut();
    s.press('Escape', 0);
    s.press('Escape', 1500);
    expect(s.left()).toBe(0);
    s.press('Escape', 3000);
    s.press('Escape', 3100, true);
    expect(s.left()).toBe(0);
  });

  it('leaves on Shift pressed three times quickly', () => {
    const s = shortcut();
    s.press('Shift', 0);
    s.press('Shift', 400);
    expect(s.left()).toBe(0);
    s.press('Shift', 800);
    expect(s.left()).toBe(1);
  });

  it('typing in between cancels the count, so capital letters never trigger it', () => {
    const s = shortcut();
    s.press('Shift', 0);
    s.press('A', 100);
    s.press('Shift', 200);
    s.press('B', 300);
    s.press('Shift', 400);
    expect(s.left()).toBe(0);
  });
});
