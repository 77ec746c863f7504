// The simulator's chat page: the developer plays the WhatsApp user. Plain browser JavaScript, no
// build step. It reads /chat/api/*, writes through POST /_sim/inbound, moves the clock with
// POST /_sim/clock/advance, and redraws on every server-sent event of GET /_sim/events.

const DEFAULT_CONTACT = { phone: '+31612345678', displayName: 'Ada Lovelace' };
const STORAGE_KEY = 'messagebird-simulator-contact';
const REDRAW_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
  'delivery',
  'clock',
  'template',
  'reset',
];
const TICKS = {
  accepted: '◷',
  pending: '◷',
  sent: '✓',
  transmitted: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
  rejected: '⚠',
  deleted: '⊘',
  unknown: '?',
};

const $ = (id) => document.getElementById(id);

/** What the page knows. */
const state = {
  data: null,
  fetchedAt: 0,
  contact: loadContact(),
  conversationId: null,
  conversation: null,
  drawnMessages: '',
  /** Ids of the messages already drawn in the shown conversation, to announce only new ones. */
  seenIds: new Set(),
  seenConversation: null,
  selectedId: null,
  detail: null,
  openLists: new Set(),
};

function loadContact() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (saved && typeof saved.phone === 'string') return saved;
  } catch {
    // no saved contact
  }
  return { ...DEFAULT_CONTACT };
}

function saveContact() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state.contact));
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

// ---- Small DOM helpers ----

/** Creates an element with attributes (`on*` functions become listeners) and children. */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'className') {
      node.className = value;
    } else if (name === 'html') {
      node.innerHTML = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** http(s) URLs in escaped text (`&amp;` kept, other entities end them): WhatsApp links them. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"&]+(?:&amp;[^\s<>"&]*)*/g;

/** Escaped text with its URLs as links; punctuation that ends a sentence stays outside. */
function linkify(html) {
  return html.replace(URL_IN_TEXT, (match) => {
    const url = match.replace(/[.,;:!?)]+$/, '');
    const link = `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`;
    return link + match.slice(url.length);
  });
}

/** WhatsApp formatting to HTML: links, ```mono```, *bold*, _italic_, ~strike~ (escaped first). */
function formatWhatsApp(text) {
  let html = linkify(escapeHtml(text));
  html = html.replace(/```([\s\S]+?)```/g, '<code>$1</code>');
  const wrap = (mark) =>
    new RegExp(`(^|[\\s(>])\\${mark}(?=\\S)([^${mark}\\n]*?\\S)\\${mark}(?=$|[\\s).,!?:;<])`, 'g');
  html = html.replace(wrap('*'), '$1<strong>$2</strong>');
  html = html.replace(wrap('_'), '$1<em>$2</em>');
  html = html.replace(wrap('~'), '$1<s>$2</s>');
  return html;
}

function formattedText(text, className = 'text') {
  return h('div', { className, html: formatWhatsApp(text ?? '') });
}

function initials(name) {
  const words = String(name ?? '?')
    .replace(/^\+/, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (/^\d/.test(words[0])) return '#';
  return words
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}

// ---- Time ----

/** The simulator's virtual now, in epoch ms: moves with real time when the clock is real. */
function virtualNow() {
  if (!state.data) return Date.now();
  const { epochMs, mode } = state.data.clock;
  return mode === 'real' ? epochMs + (performance.now() - state.fetchedAt) : epochMs;
}

function formatTime(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function formatDay(ms) {
  return new Date(ms).toLocaleDateString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

function formatDuration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}

// ---- Network ----

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const first = json.errors?.[0];
    const where = first?.parameter ? ` (${first.parameter})` : '';
    throw new Error(first ? `${first.description}${where}` : `HTTP ${response.status}`);
  }
  return json;
}

function showError(error) {
  const banner = $('error');
  if (!error) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  banner.hidden = false;
  banner.textContent = error instanceof Error ? error.message : String(error);
}

// ---- Which conversation is shown ----

/** The conversation shown: the one picked, else the contact's active one, else their newest. */
function currentSummary() {
  const conversations = state.data?.conversations ?? [];
  const picked = conversations.find((c) => c.id === state.conversationId);
  if (picked) return picked;
  const theirs = conversations.filter((c) => c.contact?.phone === state.contact.phone);
  return theirs.find((c) => c.status === 'active') ?? theirs[0] ?? null;
}

// ---- Drawing ----

function drawChannel() {
  const channel = state.data?.channels?.[0];
  $('channel').textContent = channel
    ? `${channel.name} · ${channel.businessNumber} · channel ${channel.id}`
    : '';
}

function drawClock() {
  if (!state.data) return;
  const now = virtualNow();
  const node = $('clock-now');
  node.textContent = `${formatDay(now)} ${formatTime(now)}`;
  node.dateTime = new Date(now).toISOString();
}

function drawList() {
  const list = $('conversation-list');
  const shown = currentSummary();
  const conversations = state.data?.conversations ?? [];
  const items = conversations.map((c) => {
    const name = c.contact?.displayName ?? c.contact?.phone ?? 'Unknown contact';
    const badge =
      c.status === 'archived'
        ? h('span', { className: 'badge archived' }, 'archived')
        : h(
            'span',
            { className: `badge ${c.window.open ? 'open' : 'closed'}` },
            c.window.open ? 'window open' : 'window closed',
          );
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          'aria-current': shown?.id === c.id ? 'true' : 'false',
          onclick: () => pickConversation(c),
        },
        h('span', { className: 'avatar', 'aria-hidden': 'true' }, initials(name)),
        h('span', { className: 'name' }, h('span', {}, name), badge),
        h('span', { className: 'preview' }, c.lastMessage?.preview ?? 'No messages yet'),
      ),
    );
  });
  if (!shown) {
    items.unshift(
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', 'aria-current': 'true' },
          h(
            'span',
            { className: 'avatar', 'aria-hidden': 'true' },
            initials(state.contact.displayName),
          ),
          h('span', { className: 'name' }, state.contact.displayName || state.contact.phone),
          h('span', { className: 'preview' }, 'New chat: write the first message'),
        ),
      ),
    );
  }
  list.replaceChildren(...items);
}

function drawHeader() {
  const shown = currentSummary();
  const name = shown?.contact?.displayName ?? state.contact.displayName ?? state.contact.phone;
  const phone = shown?.contact?.phone ?? state.contact.phone;
  $('chat-title').textContent = name;
  $('chat-avatar').textContent = initials(name);
  $('chat-phone').textContent =
    shown?.status === 'archived' ? `${phone} · archived conversation` : phone;
  const download = $('download-transcript');
  download.hidden = !shown;
  if (shown) {
    download.href = `/chat/api/conversations/${encodeURIComponent(shown.id)}/transcript`;
    download.download = `whatsapp-${phone.replace(/\W/g, '')}.transcript`;
  }
  drawWindow();
}

function drawWindow() {
  const node = $('window');
  const shown = currentSummary();
  const window = shown?.window;
  if (!window || window.closesAt === null) {
    node.dataset.open = 'none';
    node.textContent = '24-hour window: not open yet. Writing as the user opens it.';
    return;
  }
  const left = window.closesAt - virtualNow();
  if (left > 0) {
    node.dataset.open = 'true';
    node.textContent = `24-hour window open: closes in ${formatDuration(left)}. The bot may send anything.`;
  } else {
    node.dataset.open = 'false';
    node.textContent = `24-hour window closed ${formatDuration(left)} ago: the bot can only send approved templates until the user writes.`;
  }
}

function statusLabel(message) {
  if (message.status === 'failed' || message.status === 'rejected') {
    return `Status: ${message.status}${message.error ? ` (error ${message.error.code})` : ''}`;
  }
  return `Status: ${message.status}`;
}

function ticks(message) {
  return h(
    'span',
    {
      className: 'ticks',
      role: 'img',
      'data-status': message.status,
      'aria-label': statusLabel(message),
      title: statusLabel(message),
    },
    TICKS[message.status] ?? '?',
  );
}

function mediaBody(type, media) {
  const url = media?.url ?? '';
  const caption = media?.caption;
  if (type === 'image') {
    return [
      h('img', { src: url, alt: caption || 'Image', loading: 'lazy' }),
      caption && formattedText(caption),
    ];
  }
  if (type === 'video') {
    return [
      h('video', { src: url, controls: true, preload: 'metadata' }),
      caption && formattedText(caption),
    ];
  }
  if (type === 'audio') return [h('audio', { src: url, controls: true, preload: 'none' })];
  const name = caption || url.split('/').pop() || 'file';
  return [
    h(
      'a',
      { className: 'file', href: url, target: '_blank', rel: 'noopener', download: name },
      h(
        'span',
        { className: 'file-icon', 'aria-hidden': 'true' },
        (name.split('.').pop() || 'file').slice(0, 4).toUpperCase(),
      ),
      h('span', {}, name),
    ),
  ];
}

function pinIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', '#e53935');
  path.setAttribute(
    'd',
    'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z',
  );
  svg.append(path);
  return svg;
}

function locationBody(location) {
  const lat = Number(location?.latitude);
  const lon = Number(location?.longitude);
  const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
  return [
    h(
      'a',
      { className: 'location', href, target: '_blank', rel: 'noopener' },
      pinIcon(),
      h('span', {}, h('strong', {}, 'Location'), h('br'), `${lat.toFixed(5)}, ${lon.toFixed(5)}`),
    ),
  ];
}

function interactiveBody(message, interactive) {
  const parts = [];
  const header = interactive.header;
  if (header?.type === 'text') parts.push(h('div', { className: 'header' }, header.text));
  if (header?.type === 'image') {
    parts.push(h('img', { src: header.image?.url, alt: 'Header image', loading: 'lazy' }));
  }
  if (header?.type === 'video') parts.push(h('video', { src: header.video?.url, controls: true }));
  if (header?.type === 'document') parts.push(...mediaBody('file', { url: header.document?.url }));
  parts.push(formattedText(interactive.body?.text));
  if (interactive.footer?.text)
    parts.push(h('div', { className: 'footer' }, interactive.footer.text));
  const failed = message.status === 'failed' || message.status === 'rejected';
  if (interactive.type === 'button') {
    const buttons = interactive.action?.buttons ?? [];
    parts.push(
      h(
        'div',
        { className: 'choices', role: 'group', 'aria-label': 'Reply buttons' },
        buttons.map((button) =>
          h(
            'button',
            {
              type: 'button',
              disabled: failed,
              onclick: () =>
                tap(message, {
                  type: 'button_reply',
                  reply: { id: button.id, text: button.title },
                }),
            },
            button.title,
          ),
        ),
      ),
    );
  } else if (interactive.type === 'list') {
    const open = state.openLists.has(message.id);
    const rows = (interactive.action?.sections ?? []).flatMap((section) => section.rows ?? []);
    const listId = `list-${message.id}`;
    parts.push(
      h(
        'div',
        { className: 'choices' },
        h(
          'button',
          {
            type: 'button',
            'aria-expanded': open ? 'true' : 'false',
            'aria-controls': listId,
            disabled: failed,
            onclick: () => {
              if (state.openLists.has(message.id)) state.openLists.delete(message.id);
              else state.openLists.add(message.id);
              drawMessages(true);
            },
          },
          `☰ ${interactive.action?.button ?? 'Choose'}`,
        ),
        h(
          'ul',
          {
            className: 'rows',
            id: listId,
            hidden: !open,
            'aria-label': interactive.action?.button ?? 'Choices',
          },
          rows.map((row) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  onclick: () =>
                    tap(message, {
                      type: 'list_reply',
                      reply: {
                        id: row.id,
                        text: row.title,
                        ...(row.description ? { description: row.description } : {}),
                      },
                    }),
                },
                row.title,
                row.description && h('span', { className: 'description' }, row.description),
              ),
            ),
          ),
        ),
      ),
    );
  }
  return parts;
}

function quoteOf(message, byId) {
  const id = message.replyTo?.id;
  if (!id) return null;
  const original = byId.get(id);
  if (!original) return null;
  return h('div', { className: 'quote' }, previewText(original));
}

function previewText(message) {
  const content = message.content ?? {};
  const part = content[message.type] ?? {};
  switch (message.type) {
    case 'text':
      return part.text ?? content.text ?? '';
    case 'interactive':
      return part.body?.text ?? part.reply?.text ?? part.reply?.title ?? 'Interactive message';
    case 'hsm':
      return message.template?.text ?? `Template ${part.templateName ?? ''}`;
    case 'location':
      return 'Location';
    default:
      return part.caption ?? message.type;
  }
}

function messageBody(message) {
  const content = message.content ?? {};
  const part = content[message.type];
  switch (message.type) {
    case 'text':
      return [formattedText(part?.text ?? content.text ?? '')];
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      return mediaBody(message.type, part);
    case 'location':
      return locationBody(part);
    case 'interactive':
      if (part?.reply) return [formattedText(part.reply.text ?? part.reply.title ?? part.reply.id)];
      return interactiveBody(message, part ?? {});
    case 'hsm':
      return [
        h(
          'span',
          { className: 'label' },
          `Template · ${part?.templateName ?? '?'} (${part?.language?.code ?? ''})`,
        ),
        message.template?.text
          ? formattedText(message.template.text)
          : h(
              'div',
              { className: 'text' },
              'Unknown template: the simulator has no such template.',
            ),
      ];
    case 'whatsappSticker':
      return [h('img', { src: part?.link, alt: 'Sticker', width: 120 })];
    default:
      return [h('pre', { className: 'text' }, JSON.stringify(content, null, 2))];
  }
}

function bubble(message, byId) {
  const outbound = message.direction === 'sent';
  const failed = message.status === 'failed' || message.status === 'rejected';
  const who = outbound ? 'Bot' : 'You';
  const node = h(
    'li',
    {
      className: `bubble ${message.direction}${failed ? ' failed' : ''}${state.selectedId === message.id ? ' selected' : ''}`,
      'data-message-id': message.id,
      'data-type': message.type,
      'aria-label': `${who}, ${message.type} message at ${formatTime(message.createdAt)}`,
      onclick: (event) => {
        if (event.target.closest('button, a, video, audio')) return;
        selectMessage(message.id);
      },
    },
    quoteOf(message, byId),
    messageBody(message),
    failed && message.error
      ? h(
          'p',
          { className: 'delivery-error' },
          `Not delivered: error ${message.error.code}. ${message.error.description ?? ''}`,
        )
      : null,
    h(
      'div',
      { className: 'meta' },
      h(
        'button',
        {
          type: 'button',
          className: 'inspect',
          'aria-label': `Show payloads of this ${who === 'Bot' ? "bot's" : 'user'} message`,
          'aria-pressed': state.selectedId === message.id ? 'true' : 'false',
          onclick: () => selectMessage(message.id),
        },
        '{ }',
      ),
      h(
        'time',
        { datetime: new Date(message.createdAt).toISOString() },
        formatTime(message.createdAt),
      ),
      outbound ? ticks(message) : null,
    ),
  );
  return node;
}

/** Draws the messages; skips the work when nothing changed unless `force`. */
function drawMessages(force = false) {
  const list = $('messages');
  const messages = state.conversation?.messages ?? [];
  const key = JSON.stringify([
    messages.map((m) => [m.id, m.status, m.error?.code]),
    state.selectedId,
  ]);
  if (!force && key === state.drawnMessages) return;
  state.drawnMessages = key;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  if (messages.length === 0) {
    list.replaceChildren(
      h(
        'li',
        { className: 'empty' },
        'Write as the user below. The bot answers here; its messages show delivery ticks, and { } shows the raw MessageBird payloads.',
      ),
    );
    return;
  }
  const byId = new Map(messages.map((m) => [m.id, m]));
  const added = announceNew(messages);
  const items = [];
  let day = '';
  for (const message of messages) {
    const thisDay = formatDay(message.createdAt);
    if (thisDay !== day) {
      day = thisDay;
      items.push(h('li', { className: 'day', role: 'separator' }, thisDay));
    }
    items.push(bubble(message, byId));
  }
  list.replaceChildren(...items);
  if (atBottom || added) list.scrollTop = list.scrollHeight;
}

/** Announces the bot's new messages to screen readers; answers whether any message is new. */
function announceNew(messages) {
  const conversationId = state.conversation?.id ?? null;
  const first = state.seenConversation !== conversationId;
  if (first) {
    state.seenConversation = conversationId;
    state.seenIds = new Set();
  }
  const fresh = messages.filter((m) => !state.seenIds.has(m.id));
  for (const m of fresh) state.seenIds.add(m.id);
  const fromBot = fresh.filter((m) => m.direction === 'sent');
  if (!first && fromBot.length > 0) {
    $('announcer').textContent = fromBot.map((m) => `Bot: ${previewText(m)}`).join('. ');
  }
  return fresh.length > 0;
}

function json(value) {
  return h('pre', {}, JSON.stringify(value, null, 2));
}

function drawDetail() {
  const body = $('payload-body');
  const detail = state.detail;
  if (!state.selectedId || !detail) {
    body.replaceChildren(
      h(
        'p',
        { className: 'subtle' },
        'Select a message ({ }) to see its MessageBird payloads and webhook deliveries.',
      ),
    );
    return;
  }
  const { message, webhooks, deliveries } = detail;
  body.replaceChildren(
    h(
      'section',
      { 'aria-labelledby': 'payload-message' },
      h(
        'h3',
        { id: 'payload-message' },
        `Message ${message.direction === 'sent' ? 'sent by the bot' : 'from the user'}`,
      ),
      h('p', { className: 'subtle' }, `GET /v1/messages/${message.id}`),
      json(message),
    ),
    h(
      'section',
      { 'aria-labelledby': 'payload-webhooks' },
      h('h3', { id: 'payload-webhooks' }, `Webhook bodies (${webhooks.length})`),
      webhooks.length === 0 ? h('p', { className: 'subtle' }, 'None published yet.') : null,
      webhooks.map((w, i) =>
        h(
          'details',
          { open: i === webhooks.length - 1 },
          h(
            'summary',
            {},
            `${w.type} · ${w.status ?? ''} · ${new Date(w.at).toLocaleTimeString()}`,
          ),
          json(w.body),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'payload-deliveries' },
      h('h3', { id: 'payload-deliveries' }, `Webhook deliveries (${deliveries.length})`),
      deliveries.length === 0
        ? h('p', { className: 'subtle' }, 'No webhook is registered, or nothing was delivered yet.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Event'),
                h('th', { scope: 'col' }, 'Try'),
                h('th', { scope: 'col' }, 'Answer'),
                h('th', { scope: 'col' }, 'Time'),
              ),
            ),
            h(
              'tbody',
              {},
              deliveries.map((d) =>
                h(
                  'tr',
                  { title: d.url },
                  h('td', {}, d.event, d.duplicate ? ' (duplicate)' : ''),
                  h('td', {}, String(d.attempt)),
                  h(
                    'td',
                    { className: d.ok ? 'ok' : 'not-ok' },
                    d.status ? `HTTP ${d.status}` : (d.error ?? 'failed'),
                  ),
                  h('td', {}, `${d.durationMs} ms`),
                ),
              ),
            ),
          ),
    ),
  );
}

// ---- Loading ----

let refreshing = false;
let refreshAgain = false;
let refreshTimer;

/** Asks for a redraw soon; events arriving together make one. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 30);
}

async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      await load();
    } while (refreshAgain);
  } catch (error) {
    showError(error);
  } finally {
    refreshing = false;
  }
}

async function load() {
  const data = await getJson('/chat/api/state');
  state.data = data;
  state.fetchedAt = performance.now();
  const shown = currentSummary();
  if (shown && shown.id !== state.conversationId) state.conversationId = shown.id;
  state.conversation = shown ? await getJson(`/chat/api/conversations/${shown.id}`) : null;
  state.detail = state.selectedId
    ? await getJson(`/chat/api/messages/${state.selectedId}`).catch(() => null)
    : null;
  if (state.selectedId && !state.detail) state.selectedId = null;
  drawChannel();
  drawClock();
  drawList();
  drawHeader();
  drawMessages();
  drawDetail();
}

// ---- Actions ----

function pickConversation(conversation) {
  state.conversationId = conversation.id;
  state.contact = {
    phone: conversation.contact?.phone ?? state.contact.phone,
    displayName: conversation.contact?.displayName ?? '',
  };
  state.selectedId = null;
  state.drawnMessages = '';
  saveContact();
  scheduleRefresh();
}

function selectMessage(id) {
  state.selectedId = state.selectedId === id ? null : id;
  state.drawnMessages = '';
  refresh();
}

/** Writes as the user: the simulator records the message and calls the bot's webhook. */
async function sendInbound(type, content, replyTo) {
  showError(null);
  const shown = currentSummary();
  const phone = shown?.contact?.phone ?? state.contact.phone;
  const displayName = state.contact.displayName || shown?.contact?.displayName;
  const message = await postJson('/_sim/inbound', {
    from: phone,
    ...(displayName ? { displayName } : {}),
    type,
    content,
    ...(replyTo ? { replyTo } : {}),
  });
  state.conversationId = message.conversationId;
  await refresh();
  return message;
}

function tap(message, interactive) {
  sendInbound('interactive', { interactive }, message.id).catch(showError);
}

function wireForms() {
  const textForm = $('text-form');
  const input = $('message-input');
  textForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      await sendInbound('text', { text });
      input.value = '';
      input.style.height = '';
    } catch (error) {
      showError(error);
    }
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      textForm.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  });

  $('media-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const kind = String(form.get('kind'));
    const url = String(form.get('url')).trim();
    const caption = String(form.get('caption') ?? '').trim();
    try {
      await sendInbound(kind, { [kind]: caption ? { url, caption } : { url } });
      event.target.reset();
      $('media-panel').open = false;
    } catch (error) {
      showError(error);
    }
  });

  $('location-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      await sendInbound('location', {
        location: {
          latitude: Number(form.get('latitude')),
          longitude: Number(form.get('longitude')),
        },
      });
      $('location-panel').open = false;
    } catch (error) {
      showError(error);
    }
  });

  $('clock-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const hours = Number($('advance-hours').value);
    if (!(hours > 0)) return;
    try {
      showError(null);
      await postJson('/_sim/clock/advance', { seconds: Math.round(hours * 3600) });
      await refresh();
    } catch (error) {
      showError(error);
    }
  });

  $('new-chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    state.contact = {
      phone: String(form.get('phone')).trim(),
      displayName: String(form.get('name') ?? '').trim(),
    };
    state.conversationId = null;
    state.selectedId = null;
    state.drawnMessages = '';
    saveContact();
    $('new-chat').open = false;
    event.target.reset();
    refresh();
    input.focus();
  });
}

function connect() {
  const live = $('live');
  const source = new EventSource('/_sim/events');
  source.addEventListener('hello', () => {
    live.dataset.state = 'live';
    live.textContent = 'Live';
    scheduleRefresh();
  });
  for (const type of REDRAW_EVENTS) source.addEventListener(type, scheduleRefresh);
  source.addEventListener('error', () => {
    live.dataset.state = 'offline';
    live.textContent = 'Reconnecting…';
  });
}

wireForms();
connect();
refresh();
setInterval(() => {
  drawClock();
  drawWindow();
}, 15000);
