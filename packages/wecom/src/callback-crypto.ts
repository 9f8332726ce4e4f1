import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { WecomCallbackError } from './errors';
import { cdata, nodeText, parseXmlRoot } from './xml';

export interface CallbackCryptoOptions {
  token: string;
  encodingAESKey: string;
  /** The CorpID for a corp's own apps (the suite id for third-party suites). */
  receiveId: string;
  /** Put in the outer `<AgentID>` of pushed events; empty when omitted. */
  agentId?: string | number;
}

export interface SignatureParams {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

export interface UrlVerifyParams extends SignatureParams {
  echostr: string;
}

export interface EncryptedMessage extends SignatureParams {
  /** The outer XML to POST or reply with. */
  xml: string;
  encrypt: string;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Key bytes must decode to 32; checked up front so a misconfigured key fails at start-up. */
function checkKey(encodingAESKey: string): void {
  if (
    typeof encodingAESKey !== 'string' ||
    encodingAESKey.length !== 43 ||
    Buffer.from(`${encodingAESKey}=`, 'base64').length !== 32
  ) {
    throw new WecomCallbackError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  }
}

export function createCallbackCrypto(options: CallbackCryptoOptions) {
  const { token, encodingAESKey, receiveId } = options;
  checkKey(encodingAESKey);

  function verifySignature(p: SignatureParams, ciphertext: string): void {
    const expected = getSignature(token, p.timestamp, p.nonce, ciphertext);
    if (typeof p.msg_signature !== 'string' || !sameHex(expected, p.msg_signature)) {
      throw new WecomCallbackError('bad_signature', 'msg_signature does not match');
    }
  }

  /**
   * Decrypts with the official library, then proves the result by re-encrypting with the same
   * random prefix: the library itself accepts garbage from a wrong key silently.
   */
  function open(ciphertext: string): string {
    let message: string;
    let id: string;
    try {
      const out = decrypt(encodingAESKey, ciphertext);
      message = out.message;
      id = out.id;
      const again = Buffer.from(encrypt(encodingAESKey, message, id, out.random), 'base64');
      if (!again.equals(Buffer.from(ciphertext, 'base64'))) throw new Error('not decryptable with this key');
    } catch (cause) {
      throw new WecomCallbackError('bad_key', 'cannot decrypt with this EncodingAESKey', cause);
    }
    if (id !== receiveId)
      throw new WecomCallbackError('wrong_receiver', `message is for ${JSON.stringify(id)}, not this receiver`);
    return message;
  }

  function seal(innerXml: string, timestamp?: string | number, nonce?: string): SignatureParams & { encrypt: string } {
    const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
    const n = nonce ?? randomBytes(8).readUInt32BE(0).toString();
    const enc = encrypt(encodingAESKey, innerXml, receiveId);
    return { encrypt: enc, msg_signature: getSignature(token, ts, n, enc), timestamp: ts, nonce: n };
  }

  return {
    /** GET URL check: returns the plaintext echostr to answer with (bare, no newline). */
    verifyUrl(p: UrlVerifyParams): string {
      if (typeof p.echostr !== 'string' || p.echostr === '') throw new WecomCallbackError('bad_xml', 'echostr missing');
      verifySignature(p, p.echostr);
      return open(p.echostr);
    },

    /** POST body `<xml><ToUserName/><Encrypt/><AgentID/></xml>` → the decrypted inner XML. */
    decryptBody(xmlBody: string, p: SignatureParams): string {
      const root = parseXmlRoot(xmlBody);
      const ciphertext = root ? nodeText(root.Encrypt)?.trim() : undefined;
      if (!ciphertext) throw new WecomCallbackError('bad_xml', 'body is not <xml> with an <Encrypt> element');
      verifySignature(p, ciphertext);
      return open(ciphertext);
    },

    /** Builds a callback as WeCom pushes it (what the sandbox POSTs), with its query parameters. */
    encryptEvent(innerXml: string, timestamp?: string | number, nonce?: string): EncryptedMessage {
      const s = seal(innerXml, timestamp, nonce);
      const xml =
        `<xml><ToUserName>${cdata(receiveId)}</ToUserName><Encrypt>${cdata(s.encrypt)}</Encrypt>` +
        `<AgentID>${cdata(String(options.agentId ?? ''))}</AgentID></xml>`;
      return { ...s, xml };
    },

    /** A passive encrypted reply, in WeCom's reply format (`Encrypt`, `MsgSignature`, `TimeStamp`, `Nonce`). */
    encryptReply(innerXml: string, timestamp?: string | number, nonce?: string): EncryptedMessage {
      const s = seal(innerXml, timestamp, nonce);
      const xml =
        `<xml><Encrypt>${cdata(s.encrypt)}</Encrypt><MsgSignature>${cdata(s.msg_signature)}</MsgSignature>` +
        `<TimeStamp>${s.timestamp}</TimeStamp><Nonce>${cdata(s.nonce)}</Nonce></xml>`;
      return { ...s, xml };
    },

    /** The signature WeCom would send for this ciphertext. */
    sign: (timestamp: string | number, nonce: string, ciphertext: string): string =>
      getSignature(token, timestamp, nonce, ciphertext),
  };
}

export type CallbackCrypto = ReturnType<typeof createCallbackCrypto>;
