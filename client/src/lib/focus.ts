/**
 * Moves focus to what a command brings up, once it is on the page: a control that starts
 * or ends something often disappears with what it did (Start round, End round), and focus
 * would fall to the page's body. Gives up after about a second.
 */
export function focusWhenShown(selector: string, frames = 60): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (element) {
    element.focus();
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenShown(selector, frames - 1));
}
