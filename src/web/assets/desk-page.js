/**
 * The desk page's elements, looked up once when the page loads: a missing one means desk.html and
 * the script disagree, which should fail at once rather than at the first call of the day.
 */

/**
 * @template {HTMLElement} T
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function required(selector, type) {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`desk page lacks ${selector}`);
  return found;
}

const El = HTMLElement;
export const page = {
  userName: required('#user-name', El),
  statusBadge: required('#status-badge', El),
  statusCountdown: required('#status-countdown', El),
  shiftStart: required('#shift-start', HTMLButtonElement),
  shiftEnd: required('#shift-end', HTMLButtonElement),
  /** Holds one button per break reason of the catalogue (desk-header.js draws them). */
  breakGroup: required('#break-buttons', El),
  breakQueued: required('#break-queued', El),
  breakQueuedText: required('#break-queued-text', El),
  breakQueuedCancel: required('#break-queued-cancel', HTMLButtonElement),
  endConfirm: required('#end-confirm', HTMLDialogElement),
  endConfirmText: required('#end-confirm-text', El),
  endConfirmYes: required('#end-confirm-yes', HTMLButtonElement),
  endConfirmNo: required('#end-confirm-no', HTMLButtonElement),
  navWallboard: required('#nav-wallboard', HTMLAnchorElement),
  navSupervisor: required('#nav-supervisor', HTMLAnchorElement),
  unpause: required('#unpause', HTMLButtonElement),
  langToggle: required('#lang-toggle', El),
  sessionLogout: required('#session-logout', HTMLButtonElement),
  connectionLost: required('#connection-lost', El),
  pendingNotice: required('#pending-notice', El),
  pendingDetail: required('#pending-detail', El),
  actionError: required('#action-error', El),
  deskMain: required('#desk-main', El),
  queueStrip: required('#queue-strip', El),
  queueStripEmpty: required('#queue-strip-empty', El),
  wrapupPanel: required('#wrapup-panel', El),
  wrapupLeft: required('#wrapup-left', El),
  pop: required('#pop', El),
  popEmpty: required('#pop-empty', El),
  popBody: required('#pop-body', El),
  popEnded: required('#pop-ended', El),
  popNumber: required('#pop-number', El),
  popName: required('#pop-name', El),
  popWait: required('#pop-wait', El),
  popIvr: required('#pop-ivr', El),
  popTicket: required('#pop-ticket', HTMLButtonElement),
  popQueue: required('#pop-queue', El),
  popConnected: required('#pop-connected', El),
  popHistory: required('#pop-history', El),
  popHistoryEmpty: required('#pop-history-empty', El),
  newPop: required('#new-pop', El),
  newPopText: required('#new-pop-text', El),
  newPopTicket: required('#new-pop-ticket', El),
  newPopSwitch: required('#new-pop-switch', HTMLButtonElement),
  parked: required('#parked', El),
  parkedItems: required('#parked-items', El),
  formTitle: required('#form-title', El),
  dirtyMark: required('#dirty-mark', El),
  newTicket: required('#new-ticket', HTMLButtonElement),
  formEmpty: required('#form-empty', El),
  formLoading: required('#form-loading', El),
  form: required('#ticket-form', HTMLFormElement),
  formFields: required('#form-fields', HTMLFieldSetElement),
  sourceField: required('#source-field', El),
  source: required('#f-source', HTMLSelectElement),
  category: required('#f-category', HTMLSelectElement),
  subcategory: required('#f-subcategory', HTMLSelectElement),
  department: required('#f-department', HTMLSelectElement),
  district: required('#f-district', HTMLSelectElement),
  neighbourhood: required('#f-neighbourhood', HTMLInputElement),
  address: required('#f-address', HTMLInputElement),
  description: required('#f-description', HTMLTextAreaElement),
  priority: required('#f-priority', HTMLSelectElement),
  smsConsent: required('#f-sms-consent', HTMLSelectElement),
  callerName: required('#f-caller-name', HTMLInputElement),
  callerNumber: required('#f-caller-number', HTMLInputElement),
  resolution: required('#f-resolution', HTMLTextAreaElement),
  save: required('#f-save', HTMLButtonElement),
  formStatus: required('#form-status', El),
  formAlert: required('#form-alert', El),
  search: required('#search', HTMLInputElement),
  searchSummary: required('#search-summary', El),
  searchResults: required('#search-results', El),
  searchMore: required('#search-more', HTMLButtonElement),
  ticketPanel: required('#ticket-panel', El),
  panelTitle: required('#panel-title', El),
  panelEdit: required('#panel-edit', HTMLButtonElement),
  panelClose: required('#panel-close', HTMLButtonElement),
  panelMessage: required('#panel-message', El),
  panelFacts: required('#panel-facts', El),
  panelEvents: required('#panel-events', El),
  supMain: required('#sup-main', El),
  supUpdated: required('#sup-updated', El),
  supStale: required('#sup-stale', El),
  supRows: required('#sup-rows', El),
};

/**
 * Writes only on change, so a once-a-second tick does not disturb selection or screen readers.
 * @param {Element} target
 * @param {string} text
 */
export function setText(target, text) {
  if (target.textContent !== text) target.textContent = text;
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
export function make(tag, className, text) {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
