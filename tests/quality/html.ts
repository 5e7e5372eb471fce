import { parse, type DefaultTreeAdapterMap } from 'parse5';

/** Small read-only helpers over parse5's tree (parse5 parses as the HTML standard says browsers do; it has no query API). */
export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];
export type HtmlDocument = DefaultTreeAdapterMap['document'];

export function parseHtml(html: string): HtmlDocument {
  return parse(html);
}

function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** Every element in document order. */
export function allElements(root: HtmlNode): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (node: HtmlNode): void => {
    if (isElement(node)) found.push(node);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

export function byTag(root: HtmlNode, tagName: string): HtmlElement[] {
  return allElements(root).filter((element) => element.tagName === tagName);
}

export function attr(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

/** The space-separated tokens of an attribute, lower-cased (rel, class). */
export function tokens(element: HtmlElement, name: string): string[] {
  return (attr(element, name) ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function textContent(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if ('childNodes' in node) return node.childNodes.map(textContent).join('');
  return '';
}

/** A classic or module script that runs (not JSON-LD, not an import map, not a template). */
export function isExecutableScript(script: HtmlElement): boolean {
  const type = (attr(script, 'type') ?? '').trim().toLowerCase();
  return type === '' || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
}
