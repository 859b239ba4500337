type Child = Node | string | null | undefined | false;
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

const present = (children: readonly Child[]): (Node | string)[] =>
  children.filter(
    (child): child is Node | string => child !== null && child !== undefined && child !== false,
  );

/** Creates an element with attributes (false/undefined left out) and children (falsy skipped). */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false && value !== undefined) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...present(children));
  return element;
};

/** Replaces the children of a container. */
export const show = (container: Element, ...children: readonly Child[]): void => {
  container.replaceChildren(
    ...children.filter(
      (child): child is Node | string => child !== null && child !== undefined && child !== false,
    ),
  );
};

let nextId = 0;

/** A labelled input: the label names it, so screen readers and tests find it by its label. */
export const field = (
  label: string,
  attributes: Attributes,
): { row: HTMLElement; input: HTMLInputElement } => {
  nextId += 1;
  const id = `field-${nextId}`;
  const input = h('input', { id, name: label, ...attributes });
  return { row: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
};
