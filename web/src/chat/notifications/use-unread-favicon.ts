import { useEffect } from 'react';
import { BASE_FAVICON, badgedFavicon } from './badged-favicon';

function setFavicon(href: string, type: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  link.type = type;
  link.href = href;
}

/** Puts the unread count on the tab's icon as a badge; the plain icon again at zero or when unmounted. */
export function useUnreadFavicon(count: number): void {
  useEffect(() => {
    if (count === 0) {
      setFavicon(BASE_FAVICON, 'image/svg+xml');
      return;
    }
    let current = true;
    badgedFavicon(count).then(
      (href) => {
        if (current && href) setFavicon(href, 'image/png');
      },
      () => undefined, // the icon could not be drawn: the title still counts
    );
    return () => {
      current = false;
    };
  }, [count]);
  useEffect(() => () => setFavicon(BASE_FAVICON, 'image/svg+xml'), []);
}
