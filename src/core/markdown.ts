const MARKDOWN_CHARACTERS = /[`*_~#[]/;

/**
 * Turns Bot Framework markdown into WhatsApp formatting: `**bold**`/`__bold__` → `*bold*`,
 * `*italic*`/`_italic_` → `_italic_`, `~~strike~~` → `~strike~`, `` `code` `` and fenced blocks →
 * ```` ```code``` ````, `[text](url)` → `text (url)`, `# Heading` → `*Heading*`. Code is left as is.
 */
export function toWhatsAppText(markdown: string): string {
  // Every rule below starts at one of these characters: most replies have none.
  if (!MARKDOWN_CHARACTERS.test(markdown)) return markdown;
  const code: string[] = [];
  const keep = (text: string) => `\uE000${code.push(text) - 1}\uE000`;
  let out = markdown
    .replace(/```[^\n]*\n?([\s\S]*?)```/g, (_m, body: string) =>
      keep(`\`\`\`${body.replace(/\n$/, '')}\`\`\``),
    )
    .replace(/`([^`\n]+)`/g, (_m, body: string) => keep(`\`\`\`${body}\`\`\``));
  out = out
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, (_m, title: string) => `\uE001${title}\uE001`)
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '\uE001$1\uE001')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '\uE001$1\uE001')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1\uE002$2\uE002')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])/g, '$1\uE002$2\uE002')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '~$1~')
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, text: string, url: string) =>
      text && text !== url ? `${text} (${url})` : url,
    )
    .replace(/\uE001/g, '*')
    .replace(/\uE002/g, '_');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => code[Number(i)] ?? '');
}
