import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = string | XmlNode[] | { [key: string]: XmlNode };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, jpath) => typeof jpath === 'string' && jpath.endsWith('.Item'),
});

/** Parses `<xml>…</xml>` into its children (values as strings); undefined when malformed or not rooted at `xml`. */
export function parseXmlRoot(xml: string): Record<string, XmlNode> | undefined {
  if (typeof xml !== 'string' || xml.trim() === '') return undefined;
  if (XMLValidator.validate(xml) !== true) return undefined;
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const root = (doc as Record<string, unknown>).xml;
  if (root === '' || root === undefined) return root === '' ? {} : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const out: Record<string, XmlNode> = {};
  for (const [k, v] of Object.entries(root as Record<string, XmlNode>)) {
    if (k !== '#text') out[k] = v;
  }
  return out;
}

/** Text of a leaf node; a list or element of items joins its texts with ','. */
export function nodeText(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  return nodeList(node).join(',');
}

/** Texts of a list node such as `<MemChangeList><Item>a</Item><Item>b</Item></MemChangeList>`. */
export function nodeList(node: XmlNode | undefined): string[] {
  if (node === undefined) return [];
  if (typeof node === 'string') return node.trim() === '' ? [] : node.split(',');
  if (Array.isArray(node)) return node.flatMap((n) => (typeof n === 'string' ? [n] : nodeList(n)));
  const out: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === '#text') continue;
    out.push(...nodeList(v));
  }
  return out;
}

export function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}
