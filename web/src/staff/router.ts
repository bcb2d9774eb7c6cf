import { Observable } from '../state/observable';

/** The workspace's address: real paths under /staff, so Back, bookmarks and new tabs work. Only ids go in them. */
export const currentPath = new Observable<string>('/staff');

export function navigate(path: string, replace = false): void {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  currentPath.value = location.pathname;
}

export function listenToHistory(): void {
  currentPath.value = location.pathname;
  window.addEventListener('popstate', () => {
    currentPath.value = location.pathname;
  });
}

/** Matches a path against a pattern such as "/staff/conferences/:id", giving the named parts. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
}
