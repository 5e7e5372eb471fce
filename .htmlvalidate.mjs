/**
 * html-validate for the built site (`npm run test:quality` validates every page in dist/; the CLI
 * also works: `npx html-validate dist`). A JavaScript config rather than .htmlvalidate.json so each
 * exception can say why: JSON has no comments, and html-validate's schema refuses extra keys.
 *
 * Recommended rules, with one tuning:
 */
export default {
  extends: ['html-validate:recommended'],
  rules: {
    // Phone numbers must not wrap. PhoneLink keeps the plain characters (copying the number and
    // screen readers stay natural) and marks the link class="tel", which sets white-space: nowrap.
    // The rule can only see inline styles, and the CSP forbids style attributes, so it is told
    // which class carries the nowrap. A tel: link without the class is still an error.
    'tel-non-breaking': ['error', { ignoreClasses: ['tel'] }],
  },
};
