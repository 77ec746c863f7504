import type { OutboundContent } from '../messagebird/requests.js';

/** One MessageBird message an activity turns into. */
export interface OutboundPart {
  type: OutboundContent['type'];
  content: OutboundContent['content'];
}
