// Why the server refused an agent's reply, in words an agent can act on: a lapsed 24-hour window lists what can
// still reach the customer; a missing claim says whether to claim or that the bot has the conversation.

import { el } from './view.js';

/** The refusal as a text or a node; `holder` is who holds the conversation ('bot', 'waiting', 'me', 'other'). */
export function replyRefusal(error, holder) {
  if (error.reason === 'window_lapsed') {
    const alternatives = Array.isArray(error.body.alternatives) ? error.body.alternatives : [];
    return el('div', {},
      el('p', { dir: 'auto' }, `Not sent: ${error.body.message ?? 'the customer\'s 24-hour window has closed, so only an approved WhatsApp message template can reach them.'}`),
      alternatives.length === 0 ? null : el('p', { dir: 'auto' }, 'Alternatives:'),
      alternatives.length === 0 ? null : el('ul', { className: 'alternatives' }, alternatives.map((a) => el('li', { dir: 'auto' }, alternative(a)))));
  }
  if (error.reason === 'not_claimed') {
    return holder === 'bot'
      ? 'Not sent: this conversation has no open handoff, so the bot is answering the customer.'
      : 'Not sent: you have not claimed this conversation. Claim it first, then reply.';
  }
  if (error.status === 400) return `Not sent: ${error.body.message ?? error.body.detail ?? error.body.title ?? 'a reply has 1 to 4096 characters'}`;
  return error.message;
}

const alternativeNames = {
  whatsapp_template: 'Send an approved WhatsApp message template',
  email_or_ticket: 'Follow up by email or ticket',
  note: 'Leave an internal note',
};

function alternative(a) {
  if (typeof a === 'string') return a;
  if (!a || typeof a !== 'object') return String(a);
  const name = alternativeNames[a.type] ?? a.name ?? a.type;
  const details = [];
  if (Array.isArray(a.templates)) details.push(a.templates.length ? a.templates.join(', ') : 'none approved in the customer\'s language');
  if (a.description && !alternativeNames[a.type]) details.push(a.description);
  return name ? `${name}${details.length ? `: ${details.join('; ')}` : ''}` : JSON.stringify(a);
}
