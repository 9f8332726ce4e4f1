// Inner event XML exactly as WeCom sends it (before encryption), and the encrypted envelope.

export type EventValue = string | number | string[];
export type EventField = [name: string, value: EventValue];

function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function field(name: string, value: EventValue): string {
  if (Array.isArray(value)) return `<${name}>${value.map((v) => `<Item>${cdata(v)}</Item>`).join('')}</${name}>`;
  if (typeof value === 'number') return `<${name}>${value}</${name}>`;
  return `<${name}>${cdata(value)}</${name}>`;
}

export function buildEventXml(corpid: string, createTime: number, event: string, fields: EventField[]): string {
  const head: EventField[] = [
    ['ToUserName', corpid],
    ['FromUserName', 'sys'],
    ['CreateTime', createTime],
    ['MsgType', 'event'],
    ['Event', event],
  ];
  return `<xml>${[...head, ...fields].map(([n, v]) => field(n, v)).join('')}</xml>`;
}

export function buildEnvelopeXml(corpid: string, encrypted: string, agentId: string): string {
  return `<xml><ToUserName>${cdata(corpid)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata(agentId)}</AgentID></xml>`;
}
