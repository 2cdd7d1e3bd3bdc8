import type { BrowserContext, Page } from 'playwright-core';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** What a page reported that the suite treats as a failure: CSP violations and uncaught errors. */
export interface PageProblems {
  csp: string[];
  errors: string[];
}

/**
 * Watches every page of a context for Content-Security-Policy violations (the DOM event, recorded by a
 * script the browser runs before the app — DevTools-injected, so the policy does not apply to it — and the
 * console's report) and for uncaught exceptions.
 */
export async function guardContext(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { csp: [], errors: [] };
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.csp.push(message.text());
    });
    page.on('pageerror', (error) => problems.errors.push(error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

/** CSP violations the page itself saw (complements the console, which may be rate-limited). */
export async function domCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}
