import type { IvrDefinition } from '../ivr/types.js';

export interface AnnouncementScope {
  /** `all` or a menu id of config/ivr.json. */
  id: string;
  /** The label of the option that opens the menu ("Ulaşım"); `all` has none (the page names it). */
  label: string | null;
}

/**
 * Where an announcement may play: before the main menu for every caller (`all`), or before one branch's menu.
 * The main menu itself is not offered apart from `all`: every caller passes it, so it would be `all` twice.
 */
export function announcementScopes(ivr: IvrDefinition): AnnouncementScope[] {
  const labels = new Map<string, string>();
  for (const menu of Object.values(ivr.menus)) {
    for (const option of Object.values(menu.options)) {
      if ('menu' in option && typeof option.menu === 'string' && !labels.has(option.menu)) labels.set(option.menu, option.label);
    }
  }
  const branches = Object.keys(ivr.menus)
    .filter((id) => id !== ivr.start)
    .map((id) => ({ id, label: labels.get(id) ?? null }));
  return [{ id: 'all', label: null }, ...branches];
}
