import { describe, expect, it } from 'vitest';
import { buildEventXml, eventIdentity, parseEvent, WecomCallbackError, type WecomEvent } from '../src/index';

const head = (event: string, changeType: string, createTime = 1403610513) =>
  `<ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>
   <FromUserName><![CDATA[sys]]></FromUserName>
   <CreateTime>${createTime}</CreateTime>
   <MsgType><![CDATA[event]]></MsgType>
   <Event><![CDATA[${event}]]></Event>
   <ChangeType><![CDATA[${changeType}]]></ChangeType>`;

const contact = (changeType: string, extra = '', createTime?: number) =>
  `<xml>
   ${head('change_external_contact', changeType, createTime)}
   <UserID><![CDATA[zhangsan]]></UserID>
   <ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID>
   ${extra}
</xml>`;

const samples = {
  add_external_contact: contact(
    'add_external_contact',
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>',
  ),
  edit_external_contact: contact('edit_external_contact'),
  add_half_external_contact: contact(
    'add_half_external_contact',
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>',
  ),
  del_external_contact: contact('del_external_contact', '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>'),
  del_follow_user: contact('del_follow_user'),
  transfer_fail: contact('transfer_fail', '<FailReason><![CDATA[customer_refused]]></FailReason>'),
  chat_create: `<xml>${head('change_external_chat', 'create')}<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId></xml>`,
  chat_update: `<xml>${head('change_external_chat', 'update')}
    <ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>
    <UpdateDetail><![CDATA[add_member]]></UpdateDetail>
    <JoinScene>1</JoinScene>
    <QuitScene>0</QuitScene>
    <MemChangeCnt>2</MemChangeCnt>
    <MemChangeList>
      <Item><![CDATA[Jack]]></Item>
      <Item><![CDATA[Rose]]></Item>
    </MemChangeList>
    <LastMemVer><![CDATA[9c3f97c2ada667dfb5f6d03308d963e1]]></LastMemVer>
    <CurMemVer><![CDATA[71217227bbd112ecfe3a49c482195cb4]]></CurMemVer>
  </xml>`,
  chat_dismiss: `<xml>${head('change_external_chat', 'dismiss')}<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId></xml>`,
  tag_create: `<xml>${head('change_external_tag', 'create')}<Id><![CDATA[etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg]]></Id><TagType><![CDATA[tag]]></TagType><StrategyId>1</StrategyId></xml>`,
  tag_update: `<xml>${head('change_external_tag', 'update')}<Id><![CDATA[etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg]]></Id><TagType><![CDATA[tag_group]]></TagType></xml>`,
  tag_delete: `<xml>${head('change_external_tag', 'delete')}<Id><![CDATA[etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg]]></Id><TagType><![CDATA[tag]]></TagType></xml>`,
  tag_shuffle: `<xml>${head('change_external_tag', 'shuffle')}<Id><![CDATA[etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg]]></Id></xml>`,
  unknown: `<xml>${head('change_contact', 'create_user')}<UserID><![CDATA[lisi]]></UserID><MsgId>0012345678901234567890</MsgId></xml>`,
} as const;

const parsed = (k: keyof typeof samples): WecomEvent => parseEvent(samples[k]);

describe('parseEvent', () => {
  it('parses every event kind', () => {
    for (const k of Object.keys(samples) as (keyof typeof samples)[]) {
      const e = parsed(k);
      expect(e.kind, k).toBe(k);
      expect(e.toUserName).toBe('ww1436e0e65a779aee');
      expect(e.fromUserName).toBe('sys');
      expect(e.createTime).toBe(1403610513);
      expect(e.msgType).toBe('event');
      expect(e.raw.CreateTime).toBe('1403610513');
    }
  });

  it('fills contact fields', () => {
    expect(parsed('add_external_contact')).toMatchObject({
      event: 'change_external_contact',
      changeType: 'add_external_contact',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
    });
    expect(parsed('add_half_external_contact')).toMatchObject({ state: 'teststate', welcomeCode: 'WELCOMECODE' });
    expect(parsed('del_external_contact')).toMatchObject({ source: 'DELETE_BY_TRANSFER' });
    expect(parsed('transfer_fail')).toMatchObject({ failReason: 'customer_refused' });
    expect(parsed('del_follow_user')).toMatchObject({
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA',
    });
  });

  it('fills chat fields', () => {
    expect(parsed('chat_update')).toMatchObject({
      chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
      updateDetail: 'add_member',
      joinScene: 1,
      quitScene: 0,
      memChangeCnt: 2,
      memChangeList: ['Jack', 'Rose'],
      lastMemVer: '9c3f97c2ada667dfb5f6d03308d963e1',
      curMemVer: '71217227bbd112ecfe3a49c482195cb4',
    });
    expect(parsed('chat_update').raw.MemChangeList).toBe('Jack,Rose');
    expect(parsed('chat_dismiss')).toMatchObject({ chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA' });
    const one = parseEvent(samples.chat_update.replace('<Item><![CDATA[Rose]]></Item>', ''));
    expect(one).toMatchObject({ memChangeList: ['Jack'] });
  });

  it('fills tag fields, StrategyId optional', () => {
    expect(parsed('tag_create')).toMatchObject({
      id: 'etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg',
      tagType: 'tag',
      strategyId: '1',
    });
    expect(parsed('tag_update')).toMatchObject({ tagType: 'tag_group', strategyId: undefined });
    expect(parsed('tag_shuffle')).toMatchObject({ id: 'etm7wjCgAAD5hhvyfhPUpBbCs0CYuQMg', tagType: undefined });
  });

  it('keeps unknown events whole, ids as strings', () => {
    const e = parsed('unknown');
    expect(e.kind).toBe('unknown');
    expect(e.raw).toMatchObject({
      Event: 'change_contact',
      ChangeType: 'create_user',
      UserID: 'lisi',
      MsgId: '0012345678901234567890',
    });
  });

  it('never coerces numeric-looking ids', () => {
    const e = parseEvent(
      contact('add_external_contact')
        .replace('zhangsan', '007')
        .replace('woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA', '12345678901234567890123'),
    );
    expect(e).toMatchObject({ userId: '007', externalUserId: '12345678901234567890123' });
  });

  it('degrades a known event missing its ids to unknown', () => {
    expect(parseEvent(`<xml>${head('change_external_contact', 'add_external_contact')}</xml>`).kind).toBe('unknown');
    expect(parseEvent(`<xml>${head('change_external_chat', 'explode')}<ChatId>x</ChatId></xml>`).kind).toBe('unknown');
  });

  it('throws bad_xml on malformed XML', () => {
    for (const bad of ['', '<xml><ToUserName>a</xml>', 'hello', '<root><a>1</a></root>']) {
      let code: string | undefined;
      try {
        parseEvent(bad);
      } catch (err) {
        code = err instanceof WecomCallbackError ? err.code : 'other';
      }
      expect(code, bad).toBe('bad_xml');
    }
  });
});

describe('eventIdentity', () => {
  it('is the same for a duplicated delivery (whitespace, MsgId and field order aside)', () => {
    const a = parsed('chat_update');
    const b = parseEvent(buildEventXml({ ...a.raw, MsgId: 'another' }));
    expect(eventIdentity(b)).toBe(eventIdentity(a));
    const reordered = parseEvent(samples.unknown.replace('<MsgId>0012345678901234567890</MsgId>', '<MsgId>1</MsgId>'));
    expect(eventIdentity(reordered)).toBe(eventIdentity(parsed('unknown')));
  });

  it('is distinct for every sample', () => {
    const ids = (Object.keys(samples) as (keyof typeof samples)[]).map((k) => eventIdentity(parsed(k)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differs by CreateTime, ids, corp, update detail and members', () => {
    const base = eventIdentity(parsed('add_external_contact'));
    expect(eventIdentity(parseEvent(contact('add_external_contact', '', 1403610514)))).not.toBe(base);
    expect(eventIdentity(parseEvent(samples.add_external_contact.replace('zhangsan', 'lisi')))).not.toBe(base);
    expect(eventIdentity(parseEvent(samples.add_external_contact.replace('ww1436e0e65a779aee', 'wwother')))).not.toBe(
      base,
    );
    const chat = eventIdentity(parsed('chat_update'));
    expect(eventIdentity(parseEvent(samples.chat_update.replace('add_member', 'del_member')))).not.toBe(chat);
    expect(eventIdentity(parseEvent(samples.chat_update.replace('Rose', 'Tom')))).not.toBe(chat);
    const tag = eventIdentity(parsed('tag_delete'));
    expect(
      eventIdentity(
        parseEvent(samples.tag_delete.replace('<TagType><![CDATA[tag]]>', '<TagType><![CDATA[tag_group]]>')),
      ),
    ).not.toBe(tag);
  });

  it('starts with corp, event and change type, ends with CreateTime', () => {
    expect(eventIdentity(parsed('add_external_contact'))).toBe(
      'ww1436e0e65a779aee|change_external_contact|add_external_contact|zhangsan|woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA|teststate|WELCOMECODE|1403610513',
    );
  });

  it('tells apart two adds of the same pair in the same second (delete, then add again) by their welcome codes', () => {
    const again = parseEvent(samples.add_external_contact.replace('WELCOMECODE', 'ANOTHERCODE'));
    expect(eventIdentity(again)).not.toBe(eventIdentity(parsed('add_external_contact')));
    expect(eventIdentity(parseEvent(buildEventXml({ ...again.raw, MsgId: 'x' })))).toBe(eventIdentity(again));
  });
});

describe('buildEventXml', () => {
  it('reproduces every sample through raw', () => {
    for (const k of Object.keys(samples) as (keyof typeof samples)[]) {
      const e = parsed(k);
      const again = parseEvent(buildEventXml(e.raw));
      expect(again).toEqual(e);
    }
  });

  it('uses CDATA for strings, bare numbers, Item lists, and escapes ]]>', () => {
    const xml = buildEventXml({
      ToUserName: 'ww1',
      CreateTime: 1700000000,
      MsgType: 'event',
      Event: 'change_external_chat',
      ChangeType: 'update',
      ChatId: 'wr1',
      UpdateDetail: 'change_notice',
      MemChangeList: ['a', 'b'],
      Note: 'x]]>y <b>&',
      Skipped: undefined,
    });
    expect(xml).toContain('<CreateTime>1700000000</CreateTime>');
    expect(xml).toContain('<ToUserName><![CDATA[ww1]]></ToUserName>');
    expect(xml).toContain('<MemChangeList><Item><![CDATA[a]]></Item><Item><![CDATA[b]]></Item></MemChangeList>');
    expect(xml).not.toContain('Skipped');
    expect(parseEvent(xml).raw.Note).toBe('x]]>y <b>&');
  });
});
