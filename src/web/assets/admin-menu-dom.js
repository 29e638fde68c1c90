/** Small DOM builders the IVR and catalogue editors share (no framework: the page's elements are made here). */

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | undefined>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

/**
 * A labelled field with its error slot (`data-error-for` = the API's field path).
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} path
 */
export function field(label, control, path) {
  const errorId = `err-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  control.setAttribute('aria-describedby', errorId);
  control.dataset.path = path;
  return el('label', { class: 'field' }, [el('span', { text: label }), control, el('span', { class: 'field-error', id: errorId, 'data-error-for': path, hidden: true })]);
}

/**
 * @param {{ value: string, label: string }[]} choices
 * @param {string} selected
 * @param {Record<string, string>} [attrs]
 */
export function select(choices, selected, attrs = {}) {
  const element = /** @type {HTMLSelectElement} */ (el('select', attrs));
  for (const choice of choices) element.append(new Option(choice.label, choice.value, false, choice.value === selected));
  // A value the lists do not have (a queue removed since) stays visible, so the check can name it.
  if (selected !== '' && !choices.some((choice) => choice.value === selected)) element.append(new Option(selected, selected, false, true));
  return element;
}

/**
 * Puts each problem at the field with its path, else at the nearest enclosing one (an option's row, its menu, the
 * form); returns the problems that found no place (shown in the summary only).
 * @param {ParentNode} root
 * @param {{ path: string, message: string }[]} problems
 */
export function showProblems(root, problems) {
  clearProblems(root);
  for (const problem of problems) {
    let path = problem.path;
    for (;;) {
      const slot = /** @type {HTMLElement | null} */ (root.querySelector(`[data-error-for="${CSS.escape(path)}"]`));
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent} · ${problem.message}` : problem.message;
        slot.hidden = false;
        root.querySelector(`[data-path="${CSS.escape(path)}"]`)?.setAttribute('aria-invalid', 'true');
        break;
      }
      const cut = path.lastIndexOf('.');
      if (cut < 0) break;
      path = path.slice(0, cut);
    }
  }
}

/** @param {ParentNode} root */
export function clearProblems(root) {
  root.querySelectorAll('[data-error-for]').forEach((slot) => {
    slot.textContent = '';
    /** @type {HTMLElement} */ (slot).hidden = true;
  });
  root.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}
