import type { OutboundContent } from '../messagebird/requests.js';

/** One MessageBird message an activity turns into. */
export interface OutboundPart {
  type: OutboundContent['type'];
  content: OutboundContent['content'];
}

/**
 * What an attachment said of its medium beyond the part's URL and caption: its MIME type and
 * file name. The Conversations API has no field for either; Bird's `file` body has both.
 */
export interface MediaInfo {
  /** The attachment's MIME type, such as `application/pdf`. */
  contentType?: string;
  /** The attachment's file name. */
  filename?: string;
}

/** Kept beside a part, not in it, so the part stays exactly MessageBird's `{type, content}`. */
const MEDIA_INFO = new WeakMap<OutboundPart, MediaInfo>();

/** Notes the attachment's MIME type and file name beside a media part; answers the part. */
export function withMediaInfo<T extends OutboundPart>(part: T, info: MediaInfo): T {
  MEDIA_INFO.set(part, info);
  return part;
}

/** The MIME type and file name noted beside a media part, if any. */
export function mediaInfoOf(part: OutboundPart): MediaInfo | undefined {
  return MEDIA_INFO.get(part);
}
