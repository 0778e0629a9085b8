/** A tiny element builder over the container's own document (Obsidian popout windows have their own). */
export function h<K extends keyof HTMLElementTagNameMap>(
  parent: HTMLElement,
  tag: K,
  cls = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = parent.ownerDocument.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  parent.append(el);
  return el;
}

export function clear(el: HTMLElement): void {
  while (el.firstChild) el.firstChild.remove();
}
