/** MIME types by file extension, for media whose URL or file name tells. */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mov: 'video/quicktime',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  oga: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  amr: 'audio/amr',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};

/**
 * What WhatsApp delivers when nothing else tells: photos as JPEG, videos as MP4, voice notes as
 * Ogg Opus. MessageBird's media URLs (`media.messagebird.com/v1/media/<uuid>`) carry no extension.
 */
const BY_KIND: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg',
  file: 'application/octet-stream',
  whatsappSticker: 'image/webp',
};

/** The MIME type of a received medium, from the file name or URL, else the kind's usual type. */
export function mimeTypeOf(kind: string, ...names: (string | undefined)[]): string {
  for (const name of names) {
    if (!name) continue;
    const path = name.split(/[?#]/)[0] ?? '';
    const ext = /\.([a-z0-9]{1,5})$/i.exec(path)?.[1]?.toLowerCase();
    const type = ext ? BY_EXTENSION[ext] : undefined;
    if (type && (kind === 'file' || type.startsWith(`${kind}/`))) return type;
  }
  return BY_KIND[kind] ?? 'application/octet-stream';
}

/** The MessageBird media type to send an attachment of this MIME type as. */
export function mediaTypeOf(contentType: string): 'image' | 'video' | 'audio' | 'file' {
  const major = contentType.split('/')[0]?.toLowerCase();
  if (major === 'image' || major === 'video' || major === 'audio') return major;
  return 'file';
}

/** The usual extension of a MIME type, the reverse of the table above (first one listed wins). */
const EXTENSION_OF: Record<string, string> = {};
for (const [ext, type] of Object.entries(BY_EXTENSION)) EXTENSION_OF[type] ??= ext;
EXTENSION_OF['application/octet-stream'] = 'bin';

/**
 * A file name for a received medium that is safe as one path segment (a bot may save it with
 * `path.join(dir, name)`): the sender's own name (a file's caption) or the URL's last segment when
 * it has an extension, else that name (or the message id) with the extension of the MIME type, such as
 * `0f3c…e2.jpg` for a photo from `media.messagebird.com/v1/media/<uuid>`. Characters other than
 * letters, digits, `.`, `_`, `-` and spaces become `_`; leading dots are dropped, so `../x` is `x`.
 */
export function mediaNameOf(
  contentType: string,
  messageId: string,
  url: string | undefined,
  given?: string,
): string {
  const fromUrl = url ? (url.split(/[?#]/)[0] ?? '').split('/').pop() : undefined;
  for (const candidate of [given, fromUrl]) {
    const name = safeName(candidate);
    if (name && /\.[a-z0-9]{1,5}$/i.test(name)) return name;
  }
  const stem = safeName(given) ?? safeName(messageId) ?? 'attachment';
  const ext = EXTENSION_OF[contentType.toLowerCase()];
  return ext ? `${stem}.${ext}` : stem;
}

/** One safe path segment, or undefined when nothing of it is left. */
function safeName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? undefined : cleaned;
}
