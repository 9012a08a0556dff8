// After a refusal, once React has rendered the fields the server (or the form's own check) marked:
// focus the first one (aria-invalid="true"), so a keyboard or screen-reader user lands on it.
// Without one, `fallback` is focused: 'root' the container itself, or a selector inside it.
type Root = HTMLElement | null | undefined | { readonly current: HTMLElement | null };

export function focusFirstInvalid(root: Root, fallback?: 'root' | string): void {
  setTimeout(() => {
    const el = root && 'current' in root ? root.current : root;
    if (!el) return;
    const target =
      el.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (fallback === 'root' ? el : fallback ? el.querySelector<HTMLElement>(fallback) : null);
    target?.focus();
  }, 0);
}
