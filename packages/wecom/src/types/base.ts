/** Every WeCom JSON response carries these. */
export interface WecomResponse {
  errcode: number;
  errmsg: string;
}

export interface TextContent {
  content: string;
}

/** Attachment of welcome messages and mass messages (doc 92599, 92135). */
export type MessageAttachment =
  | { msgtype: 'image'; image: { media_id?: string; pic_url?: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };
