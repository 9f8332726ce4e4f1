import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCallbackCrypto, WecomCallbackError, type CallbackErrorCode } from '../src/index';

// Official sample vector (weworkapi_python, callback/Sample.py).
const TOKEN = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo';
const AES_KEY = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
const CORP_ID = 'ww1436e0e65a779aee';

const crypto = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP_ID });

const INNER =
  '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>' +
  '<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>' +
  '<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>' +
  '<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID><State><![CDATA[渠道_1]]></State>' +
  '<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>';

function codeOf(fn: () => unknown): CallbackErrorCode | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof WecomCallbackError ? err.code : 'other error';
  }
}

const randomAesKey = () => randomBytes(32).toString('base64').slice(0, 43);

describe('URL verification', () => {
  const vector = {
    msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
    timestamp: '1476416373',
    nonce: '47744683',
    echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
  };

  it('decrypts the official sample echostr', () => {
    expect(crypto.verifyUrl(vector)).toBe('1288432023552776189');
  });

  it('rejects a forged signature', () => {
    expect(codeOf(() => crypto.verifyUrl({ ...vector, msg_signature: '0'.repeat(40) }))).toBe('bad_signature');
    expect(codeOf(() => crypto.verifyUrl({ ...vector, nonce: '47744684' }))).toBe('bad_signature');
  });

  it('rejects the right signature under another token', () => {
    const other = createCallbackCrypto({ token: 'another-token', encodingAESKey: AES_KEY, receiveId: CORP_ID });
    expect(codeOf(() => other.verifyUrl(vector))).toBe('bad_signature');
  });

  it('rejects another receiver', () => {
    const other = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: 'wwsomeoneelse' });
    expect(codeOf(() => other.verifyUrl(vector))).toBe('wrong_receiver');
  });
});

describe('event bodies', () => {
  it('round-trips encryptEvent → decryptBody, including non-ASCII', () => {
    const sealed = crypto.encryptEvent(INNER, 1700000000, '12345');
    expect(sealed.timestamp).toBe('1700000000');
    expect(sealed.xml).toMatch(
      /^<xml><ToUserName><!\[CDATA\[ww1436e0e65a779aee\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><AgentID>/,
    );
    expect(crypto.decryptBody(sealed.xml, sealed)).toBe(INNER);
  });

  it('signs as WeCom does (sha1 of the sorted four strings)', () => {
    const sealed = crypto.encryptEvent(INNER);
    expect(crypto.sign(sealed.timestamp, sealed.nonce, sealed.encrypt)).toBe(sealed.msg_signature);
  });

  it('encryptReply uses the passive-reply format and decrypts', () => {
    const sealed = crypto.encryptReply('<xml><Content>ok</Content></xml>', '1', 'n');
    expect(sealed.xml).toContain('<MsgSignature>');
    expect(sealed.xml).toContain('<TimeStamp>1</TimeStamp>');
    expect(crypto.decryptBody(sealed.xml, sealed)).toBe('<xml><Content>ok</Content></xml>');
  });

  it('rejects a forged or replayed-with-other-params signature', () => {
    const sealed = crypto.encryptEvent(INNER);
    expect(codeOf(() => crypto.decryptBody(sealed.xml, { ...sealed, msg_signature: 'a'.repeat(40) }))).toBe(
      'bad_signature',
    );
    expect(codeOf(() => crypto.decryptBody(sealed.xml, { ...sealed, timestamp: '1' }))).toBe('bad_signature');
    const tampered = sealed.xml.replace(
      sealed.encrypt,
      sealed.encrypt.slice(0, 10) + (sealed.encrypt[10] === 'A' ? 'B' : 'A') + sealed.encrypt.slice(11),
    );
    expect(codeOf(() => crypto.decryptBody(tampered, sealed))).toBe('bad_signature');
  });

  it('rejects a body sealed with another AES key (same token)', () => {
    for (let i = 0; i < 50; i++) {
      const other = createCallbackCrypto({ token: TOKEN, encodingAESKey: randomAesKey(), receiveId: CORP_ID });
      const sealed = other.encryptEvent(INNER);
      expect(codeOf(() => crypto.decryptBody(sealed.xml, sealed))).toBe('bad_key');
    }
  });

  it('rejects a body sealed for another receiver', () => {
    const other = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: 'wwother' });
    const sealed = other.encryptEvent(INNER);
    expect(codeOf(() => crypto.decryptBody(sealed.xml, sealed))).toBe('wrong_receiver');
  });

  it('rejects malformed XML and bodies without <Encrypt>', () => {
    const sealed = crypto.encryptEvent(INNER);
    const p = { msg_signature: sealed.msg_signature, timestamp: sealed.timestamp, nonce: sealed.nonce };
    expect(codeOf(() => crypto.decryptBody(sealed.xml.slice(0, -3), p))).toBe('bad_xml');
    expect(codeOf(() => crypto.decryptBody('not xml at all', p))).toBe('bad_xml');
    expect(codeOf(() => crypto.decryptBody('', p))).toBe('bad_xml');
    expect(codeOf(() => crypto.decryptBody('<xml><ToUserName>x</ToUserName></xml>', p))).toBe('bad_xml');
    expect(codeOf(() => crypto.decryptBody('<root><Encrypt>abc</Encrypt></root>', p))).toBe('bad_xml');
  });

  it('rejects ciphertext that is not AES output even when signed correctly', () => {
    const bogus = 'bm90IGEgcmVhbCBjaXBoZXJ0ZXh0';
    const sig = crypto.sign('1', '2', bogus);
    const body = `<xml><Encrypt><![CDATA[${bogus}]]></Encrypt></xml>`;
    expect(codeOf(() => crypto.decryptBody(body, { msg_signature: sig, timestamp: '1', nonce: '2' }))).toBe('bad_key');
  });

  it('refuses a malformed EncodingAESKey up front', () => {
    expect(codeOf(() => createCallbackCrypto({ token: TOKEN, encodingAESKey: 'short', receiveId: CORP_ID }))).toBe(
      'bad_key',
    );
  });
});
