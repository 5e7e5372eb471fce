// Kept for the contact form and function until they import telHref from ./format.ts.
export { telHref } from './format.ts';
