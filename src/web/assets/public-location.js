/**
 * "Konumumu kullan": the browser's position, only when asked and never required. A refused permission, a
 * timeout or a browser without geolocation leave the form as it was, with a sentence saying so.
 */

import { pt } from './public-strings.js';

/** @typedef {{ latitude: number, longitude: number }} Position */

/** @param {Document} doc */
export function startLocation(doc) {
  const use = /** @type {HTMLButtonElement} */ (doc.getElementById('location-use'));
  const clear = /** @type {HTMLButtonElement} */ (doc.getElementById('location-clear'));
  const status = /** @type {HTMLElement} */ (doc.getElementById('location-status'));
  /** @type {Position | null} */
  let position = null;
  /** @type {string} */
  let state = 'form.locationNone';

  const render = () => {
    status.textContent = position ? pt('form.locationSet', { lat: position.latitude.toFixed(5), lon: position.longitude.toFixed(5) }) : pt(state);
    clear.hidden = position === null;
  };

  use.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      state = 'form.locationUnsupported';
      return render();
    }
    state = 'form.locationAsking';
    render();
    navigator.geolocation.getCurrentPosition(
      (found) => {
        position = { latitude: found.coords.latitude, longitude: found.coords.longitude };
        render();
      },
      (error) => {
        position = null;
        state = error.code === error.PERMISSION_DENIED ? 'form.locationDenied' : 'form.locationFailed';
        render();
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  });
  clear.addEventListener('click', () => {
    position = null;
    state = 'form.locationNone';
    render();
    use.focus();
  });

  return {
    render,
    clear() {
      position = null;
      state = 'form.locationNone';
      render();
    },
    /** The coordinates to send: both or neither. */
    position() {
      return position ? { latitude: position.latitude, longitude: position.longitude } : { latitude: null, longitude: null };
    },
  };
}
