// The conversation pane (history, holder, claim) and the details pane (profile, window, consent, flow, slots,
// attributes), both redrawn from GET /api/conversations/{id} on every poll without losing scroll or focus.

import { $, dateTime, duration, el, facts, reconcile, setText, show, text, time } from './view.js';

const authors = {
  customer: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  note: 'Internal note',
  system: 'System',
};

/** Who holds the conversation, from the console's point of view. */
export function holding(conversation, me) {
  const handoff = conversation?.handoff;
  if (!handoff || !['waiting', 'claimed'].includes(handoff.status)) return 'bot';
  if (!handoff.claimedBy) return 'waiting';
  return me && handoff.claimedBy === me.name ? 'me' : 'other';
}

export function renderConversation(c, me) {
  const customer = c.customer ?? {};
  setText($('conversation-title'), customer.name || customer.phone || customer.id || c.conversationId);
  setText($('conversation-sub'), [customer.phone, c.conversationId, c.locale].filter(Boolean).join(' · '));

  const who = holding(c, me);
  const holder = $('holder');
  holder.className = `badge holder-${who}`;
  setText(holder, {
    bot: 'The bot is handling this conversation',
    waiting: `Waiting${c.handoff?.queue ? ` in ${c.handoff.queue}` : ''}`,
    me: 'Claimed by you',
    other: `Claimed by ${c.handoff?.claimedBy}`,
  }[who]);
  show($('claim-button'), who === 'waiting' || who === 'other');
  setText($('reply-hint'), {
    bot: 'There is no open handoff: the bot answers this customer.',
    waiting: 'Claim this conversation to reply.',
    me: c.window?.open === false ? 'The 24-hour window has closed: only WhatsApp message templates can reach the customer.' : '',
    other: `${c.handoff?.claimedBy} holds this conversation; replies are refused unless you take it over.`,
  }[who]);
  show($('release-form'), who === 'me' || who === 'other' || who === 'waiting');

  renderHistory(c);
  renderDetails(c);
}

function renderHistory(c) {
  const list = $('history');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const messages = c.messages ?? [];
  reconcile(list, messages, (m, i) => m.id ?? `${m.at}-${i}`, (m) => createMessage(m, c.locale), updateMessage);
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

function createMessage(m, locale) {
  const author = authors[m.author] ? m.author : 'system';
  const label = author === 'agent' || author === 'note' ? `${authors[author]}${m.agent ? ` · ${m.agent}` : ''}` : authors[author];
  const meta = el('div', { className: 'msg-meta' },
    text(label, 'msg-author'),
    el('time', { className: 'msg-time', datetime: m.at, title: dateTime(m.at) }, time(m.at)));
  if (m.intent) {
    const confidence = typeof m.confidence === 'number' ? ` ${m.confidence.toFixed(2)}` : '';
    meta.append(el('span', { className: 'msg-intent', title: 'Intent and confidence', dir: 'auto' }, `${m.intent}${confidence}`));
  }
  meta.append(el('span', { className: 'msg-status', title: 'Delivery status' }));
  const body = el('p', { className: 'msg-text', dir: 'auto', lang: author === 'system' ? undefined : locale || undefined }, m.text ?? '');
  return el('li', { className: `msg msg-${author}` }, meta, body);
}

function updateMessage(node, m) {
  const status = node.querySelector('.msg-status');
  setText(status, m.status ?? '');
  status.className = `msg-status${m.status ? ` status-${m.status}` : ''}`;
}

function renderDetails(c) {
  const customer = c.customer ?? {};
  facts($('profile'), [
    ['Name', customer.name],
    ['Phone', customer.phone],
    ['Customer id', customer.id],
    ['Locale', customer.locale ?? c.locale],
    ['Time zone', customer.timeZone],
  ]);

  const session = c.window ?? {};
  const windowText = $('window');
  if (session.open) {
    const left = session.expiresAt ? (new Date(session.expiresAt).getTime() - Date.now()) / 1000 : null;
    setText(windowText, `Open${session.expiresAt ? ` until ${dateTime(session.expiresAt)} (${duration(left)} left)` : ''}`);
  } else {
    setText(windowText, `Closed${session.expiresAt ? ` since ${dateTime(session.expiresAt)}` : ''}: only WhatsApp message templates can be sent`);
  }
  windowText.className = `window ${session.open ? 'window-open' : 'window-closed'}`;

  const consent = c.consent ?? {};
  const purpose = (mark) => (mark ? `${mark.status} (${mark.source}, ${mark.lawfulBasis}) ${dateTime(mark.at)}` : 'no entry');
  facts($('consent'), [['Marketing', purpose(consent.marketing)], ['Transactional', purpose(consent.transactional)]], 'Unknown');
  facts($('flow'), [['Flow', c.flow], ['State', c.state], ['Locale', c.locale]], 'No active flow');
  const h = c.handoff;
  facts($('handoff'), h ? [
    ['Status', h.status],
    ['Queue', h.queue],
    ['Reason', h.reason],
    ['Requested', dateTime(h.requestedAt)],
    ['Claimed by', h.claimedBy],
    ['Claimed', dateTime(h.claimedAt)],
    ['First response', dateTime(h.firstResponseAt)],
  ] : [], 'No open handoff');
  facts($('slots'), Object.entries(c.slots ?? {}));
  facts($('attributes'), Object.entries(c.attributes ?? {}));

  const states = new Set();
  if (c.flow && c.state) states.add(`${c.flow}/${c.state}`);
  if (c.state) states.add(c.state);
  const datalist = $('release-states');
  const options = [...states];
  if ([...datalist.options].map((o) => o.value).join('|') !== options.join('|')) {
    datalist.replaceChildren(...options.map((value) => el('option', { value })));
  }
}
