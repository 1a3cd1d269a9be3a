// The queue pane: waiting and claimed handoffs in the server's order (past their queue's SLA first, most over
// first, then oldest first), updated in place on every poll, so a breached handoff stays on top.

import { $, duration, el, reconcile, setText, show, text } from './view.js';

const reasons = {
  keyword: 'asked for a human',
  low_confidence: 'not understood',
  sensitive_intent: 'sensitive topic',
  flow: 'flow handoff',
};

export function renderQueue(handoffs, { selectedId, me, onSelect }) {
  const waiting = handoffs.filter((h) => h.status !== 'claimed' && !h.claimedBy);
  const claimed = handoffs.filter((h) => h.status === 'claimed' || h.claimedBy);
  for (const [name, items] of [['waiting', waiting], ['claimed', claimed]]) {
    setText($(`${name}-count`), String(items.length));
    show($(`${name}-empty`), items.length === 0);
    reconcile($(`${name}-list`), items, (h) => h.conversationId, () => createItem(onSelect), (node, h) => updateItem(node, h, selectedId, me));
  }
}

function createItem(onSelect) {
  const button = el('button', { type: 'button', className: 'queue-item' },
    el('span', { className: 'qi-top' },
      text('', 'qi-name'),
      el('span', { className: 'qi-wait', title: 'Waiting time' })),
    // Words, not only colour: the badge is read out with the rest of the button.
    el('span', { className: 'qi-sla', hidden: true }),
    el('span', { className: 'qi-tags' }),
    el('span', { className: 'qi-last', dir: 'auto' }),
    el('span', { className: 'qi-holder small', dir: 'auto' }));
  button.addEventListener('click', () => onSelect(button.closest('li').dataset.key));
  return el('li', {}, button);
}

function updateItem(node, h, selectedId, me) {
  const button = node.firstChild;
  const customer = h.customer ?? {};
  const name = customer.name || customer.phone || customer.id || h.conversationId;
  const selected = h.conversationId === selectedId;
  button.classList.toggle('selected', selected);
  if (selected) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  button.classList.toggle('mine', Boolean(me && h.claimedBy === me.name));

  setText(button.querySelector('.qi-name'), name);
  setText(button.querySelector('.qi-wait'), duration(h.waitingSeconds));
  const over = Number(h.overSlaSeconds) || 0;
  button.classList.toggle('breached', over > 0);
  const sla = button.querySelector('.qi-sla');
  show(sla, over > 0);
  setText(sla, over > 0 ? `${duration(over)} over SLA` : '');
  if (over > 0) sla.title = `Past the ${duration(h.slaSeconds)} SLA of queue ${h.queue}`;
  else sla.removeAttribute('title');
  const tags = [
    [customer.phone && customer.phone !== name ? customer.phone : null, 'tag-phone'],
    [h.queue, 'tag-queue'],
    [h.reason ? reasons[h.reason] ?? h.reason : null, 'tag-reason'],
    [h.locale, 'tag-locale'],
  ].filter(([value]) => value);
  const tagList = button.querySelector('.qi-tags');
  const tagText = tags.map(([value]) => value).join('|');
  if (tagList.dataset.text !== tagText) {
    tagList.dataset.text = tagText;
    tagList.replaceChildren(...tags.map(([value, className]) => text(value, `tag ${className}`)));
  }
  setText(button.querySelector('.qi-last'), h.lastMessage ?? '');
  const holder = h.claimedBy ? (me && h.claimedBy === me.name ? 'Claimed by you' : `Claimed by ${h.claimedBy}`) : '';
  setText(button.querySelector('.qi-holder'), holder);
}
