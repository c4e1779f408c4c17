// Just enough DOM for react-dom/client to render into, and a serializer for what it built.
// Used by smoke.mjs: the same fake DOM for the original and the minified build.
const HTML_NS = 'http://www.w3.org/1999/xhtml';

class Node {
  constructor(doc, nodeType, nodeName) {
    this.ownerDocument = doc;
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.childNodes = [];
    this.parentNode = null;
    this.listeners = {};
  }
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  get lastChild() {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get nextSibling() {
    const s = this.parentNode?.childNodes;
    return s ? (s[s.indexOf(this) + 1] ?? null) : null;
  }
  get previousSibling() {
    const s = this.parentNode?.childNodes;
    return s ? (s[s.indexOf(this) - 1] ?? null) : null;
  }
  appendChild(child) {
    return this.insertBefore(child, null);
  }
  insertBefore(child, ref) {
    child.parentNode?.removeChild(child);
    const i = ref ? this.childNodes.indexOf(ref) : -1;
    if (i < 0) this.childNodes.push(child);
    else this.childNodes.splice(i, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild(child) {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('removeChild: not a child');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  contains(node) {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  removeEventListener(type, fn) {
    this.listeners[type] = (this.listeners[type] ?? []).filter((f) => f !== fn);
  }
  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(text) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = text === '' || text == null ? [] : [new Text(this.ownerDocument, String(text))];
    for (const c of this.childNodes) c.parentNode = this;
  }
}

class Text extends Node {
  constructor(doc, data) {
    super(doc, 3, '#text');
    this.data = data;
  }
  get nodeValue() {
    return this.data;
  }
  set nodeValue(v) {
    this.data = String(v);
  }
  get textContent() {
    return this.data;
  }
  set textContent(v) {
    this.data = String(v);
  }
}

class Comment extends Node {
  constructor(doc, data) {
    super(doc, 8, '#comment');
    this.data = data;
  }
  get textContent() {
    return '';
  }
}

class Element extends Node {
  constructor(doc, tag, ns = HTML_NS) {
    super(doc, 1, tag.toUpperCase());
    this.tagName = this.nodeName;
    this.localName = tag;
    this.namespaceURI = ns;
    this.attributes = new Map();
    const style = {};
    Object.defineProperties(style, {
      setProperty: { value: (k, v) => (style[k] = v) },
      removeProperty: { value: (k) => delete style[k] },
    });
    this.style = style;
  }
  setAttribute(k, v) {
    this.attributes.set(k, String(v));
  }
  setAttributeNS(_ns, k, v) {
    this.setAttribute(k, v);
  }
  getAttribute(k) {
    return this.attributes.get(k) ?? null;
  }
  hasAttribute(k) {
    return this.attributes.has(k);
  }
  removeAttribute(k) {
    this.attributes.delete(k);
  }
  removeAttributeNS(_ns, k) {
    this.removeAttribute(k);
  }
}

export function createDocument() {
  const doc = new Node(null, 9, '#document');
  doc.createElement = (tag) => new Element(doc, tag);
  doc.createElementNS = (ns, tag) => new Element(doc, tag, ns);
  doc.createTextNode = (text) => new Text(doc, String(text));
  doc.createComment = (text) => new Comment(doc, String(text));
  doc.documentElement = doc.appendChild(doc.createElement('html'));
  doc.body = doc.documentElement.appendChild(doc.createElement('body'));
  doc.activeElement = doc.body;
  return doc;
}

/** `<tag a="1" style="k:v">children</tag>`; listeners are left out. */
export function serialize(node) {
  if (node.nodeType === 3) return node.data;
  if (node.nodeType === 8) return `<!--${node.data}-->`;
  const attrs = [...node.attributes].map(([k, v]) => ` ${k}="${v}"`).join('');
  const style = Object.entries(node.style).map(([k, v]) => `${k}:${v}`).join(';');
  const own = [...Object.keys(node)].filter((k) => /^(value|checked|innerHTML)$/.test(k)).map((k) => ` .${k}="${node[k]}"`).join('');
  return `<${node.localName}${attrs}${style ? ` style="${style}"` : ''}${own}>${node.childNodes.map(serialize).join('')}</${node.localName}>`;
}
