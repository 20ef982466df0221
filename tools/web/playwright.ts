/**
 * The browser driver the playground's test uses (test-only; the page never imports it), pinned
 * to an exact version like every third-party module of the project.
 *
 * @module
 */
export { chromium } from "npm:playwright-core@1.65.1";
