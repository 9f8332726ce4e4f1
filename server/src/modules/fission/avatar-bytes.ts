// A participant's avatar for their poster, fetched from where WeCom keeps it: 2 s at most, an image of at most 1 MB.
// Null when it cannot be had (the poster then draws the name's first character). An address in a private network is
// fetched only where the deployment serves avatars there itself (the demo's sandbox).
import { publicFetch } from '../../platform/policy/public-fetch';

const MAX_BYTES = 1024 * 1024;

export async function avatarBytes(url: string | null, allowPrivate: boolean): Promise<{ data: Buffer; mimeType: string } | null> {
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    const res = await publicFetch(url, { signal: AbortSignal.timeout(2000), redirect: 'error' }, { allowPrivate });
    const mimeType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!res.ok || !/^image\/(png|jpeg|gif|webp)$/.test(mimeType)) return null;
    const data = Buffer.from(await res.arrayBuffer());
    return data.length <= MAX_BYTES ? { data, mimeType } : null;
  } catch {
    return null;
  }
}
