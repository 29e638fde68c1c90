/**
 * The agent desk: the agent's own state and breaks, the queues they serve, the screen pop of the
 * call on their phone, the ticket form, ticket search, and — for supervisors — a read-only
 * overview of every desk instead; department staff get their department's tickets, read-only. Data is only ever written as text; the form never loses what
 * the agent typed (a new call waits in a banner, a 409 merges, a re-login restores the draft).
 *
 * This module only boots the page and wires its parts together; each part is its own desk-*.js.
 */

import { redirectToLogin } from './realtime.js';
import * as api from './desk-api.js';
import { t, getLang, toggleLang, onLangChange, translateStatic } from './i18n.js';
import { setCatalogue } from './desk-catalogue.js';
import { isDeskState, isPop } from './desk-messages.js';
import { page, setText } from './desk-page.js';
import { connectDeskSocket, serverNow } from './desk-socket.js';
import { renderQueueStrip, tickQueueTiles } from './desk-queue-strip.js';
import { deskState, applyDeskState, onDeskStateApplied, renderDeskState, tickDeskState, setActionError, renderActionError, wireHeader } from './desk-header.js';
import { pop, receivePop, renderPop, renderPopEnded, renderWaitingPop, tickPop, wirePop } from './desk-pop.js';
import { fillCatalogueSelects } from './desk-form-fields.js';
import { renderFormState } from './desk-form-render.js';
import { renderParked, restoreDrafts, wireTicketForm } from './desk-ticket.js';
import { wireTicketSave } from './desk-ticket-save.js';
import { setDraftOwner, saveDraftNow, forgetDrafts } from './desk-drafts.js';
import { rerenderSearch, wireSearch } from './desk-search.js';
import { renderPanel, wireSidePanel } from './desk-side-panel.js';
import { bootSupervisor, renderAgents, rerenderSupervisor } from './desk-supervisor.js';
import { bootDepartment, rerenderDepartment } from './desk-department.js';
import { render as renderRelay, tickRelay, wireRelay } from './desk-relay.js';

/** Mirrors SUPERVISING_ROLES in src/auth/roles.ts: they get the overview instead of a desk. */
const SUPERVISING = ['supervisor', 'admin'];

/** @param {unknown} [endedBecause] the server's `session:ended` reason, shown on the login page */
function leaveForLogin(endedBecause) {
  saveDraftNow();
  redirectToLogin(typeof endedBecause === 'string' ? endedBecause : undefined);
}

function renderLangToggle() {
  const lang = getLang();
  page.langToggle.querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === lang));
}

function translatePlaceholders() {
  document.querySelectorAll('[data-i18n-placeholder]').forEach((field) => {
    const key = field.getAttribute('data-i18n-placeholder');
    if (key) field.setAttribute('placeholder', t(key));
  });
}

function rerenderAll() {
  translateStatic(document);
  translatePlaceholders();
  renderLangToggle();
  if (document.body.dataset.view === 'supervisor') {
    rerenderSupervisor();
    return;
  }
  if (document.body.dataset.view === 'department') {
    rerenderDepartment();
    return;
  }
  // Option texts are translated in place; the chosen values stay.
  fillCatalogueSelects();
  renderDeskState();
  renderPop();
  renderWaitingPop();
  renderParked();
  renderFormState();
  rerenderSearch();
  renderPanel();
  renderRelay();
}

function tick() {
  tickDeskState();
  tickQueueTiles();
  tickPop();
  if (document.body.dataset.view === 'desk') tickRelay();
  if (document.body.dataset.view === 'supervisor') renderAgents();
}

function scheduleTick() {
  tick();
  setTimeout(scheduleTick, 1000 - (serverNow() % 1000) + 5);
}

async function endSession() {
  forgetDrafts();
  try {
    await api.endSession();
  } finally {
    location.assign('/login?next=/desk');
  }
}

function wireDesk() {
  wireHeader();
  onDeskStateApplied(renderPopEnded);
  wirePop();
  wireTicketForm();
  wireTicketSave();
  wireSearch();
  wireSidePanel();
  window.addEventListener('beforeunload', saveDraftNow);
}

async function bootDesk() {
  document.body.dataset.view = 'desk';
  page.deskMain.hidden = false;
  wireDesk();
  renderDeskState();
  renderPop();
  page.formEmpty.hidden = false;
  renderFormState();
  const catalogueResult = await api.getCatalogue().catch(() => null);
  if (catalogueResult?.ok && api.isRecord(catalogueResult.body) && Array.isArray(catalogueResult.body.categories)) setCatalogue(catalogueResult.body);
  fillCatalogueSelects();
  // The break buttons are the catalogue's reasons: draw them now that it is here.
  renderDeskState();
  restoreDrafts();
  connectDeskSocket({ onDeskState: applyDeskState, onPop: receivePop, onQueuesChanged: renderQueueStrip, onUnauthorized: leaveForLogin });
  // "Geri dönüşler": the relay list's tab, on the same socket (realtime.js keeps one client per page).
  wireRelay();
  const [state, currentPop] = await Promise.all([api.getDeskState().catch(() => null), api.getPop().catch(() => null)]);
  // The socket may have been quicker; its news is at least as fresh, so only fill what is missing.
  if (state?.ok && isDeskState(state.body) && deskState === null) applyDeskState(state.body);
  if (currentPop?.ok && isPop(currentPop.body) && pop === null) receivePop(currentPop.body);
  document.body.dataset.ready = 'true';
}

async function boot() {
  api.setUnauthorizedHandler(leaveForLogin);
  document.documentElement.lang = getLang();
  translateStatic(document);
  translatePlaceholders();
  renderLangToggle();
  page.langToggle.addEventListener('click', toggleLang);
  page.sessionLogout.addEventListener('click', () => void endSession());
  onLangChange(rerenderAll);

  const who = await api.getMe().catch(() => null);
  if (!who?.ok) {
    if (who === null) setActionError({ key: 'desk.network' });
    renderActionError();
    return;
  }
  const me = who.body.user;
  setDraftOwner(me.id);
  setText(page.userName, me.displayName);
  // Only the roles the wallboard lets in see the way there.
  page.navWallboard.hidden = !SUPERVISING.includes(me.role);
  page.navSupervisor.hidden = !SUPERVISING.includes(me.role);
  // CİMER / Açık Kapı applications are the Beyaz Masa's (agents, supervisors, admins), never a department's.
  document.getElementById('nav-applications')?.toggleAttribute('hidden', me.role === 'department');
  if (SUPERVISING.includes(me.role)) bootSupervisor();
  else if (me.role === 'department') await bootDepartment(me);
  else await bootDesk();
  scheduleTick();
}

void boot();
