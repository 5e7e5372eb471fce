// Kept for src/pages/contact/index.astro until it lists locations with getPublished() from ./content.ts.
export { isPublished } from './content.ts';
