import type { ButtonHTMLAttributes } from 'react';

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled'> {
  /** A command from this button is in flight: the button says so and ignores presses. */
  busy: boolean;
}

/**
 * A button that sends a command. While the command is in flight it is `aria-disabled`,
 * not `disabled`: a disabled button drops the keyboard focus to the page's body, and the
 * person pressing Pause should find focus on (now) Resume.
 */
export function ActionButton({ busy, onClick, ...props }: Props) {
  return (
    <button
      type="button"
      {...props}
      aria-disabled={busy || undefined}
      onClick={busy ? undefined : onClick}
    />
  );
}
