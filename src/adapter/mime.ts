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
